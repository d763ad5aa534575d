/** Stand-in for `config/raw-env.ts` under jest, where `import.meta` does not exist. */
export const rawEnv: Record<string, unknown> = { MODE: 'test', DEV: false };
