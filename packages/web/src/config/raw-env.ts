/** The only reader of Vite's `import.meta.env` (jest maps this module to a fixed test value). */
export const rawEnv: Record<string, unknown> = { ...import.meta.env };
