/**
 * Polls `check` until it returns a value (not undefined), or fails after `deadlineMs` saying what was
 * awaited: how the process tests wait on a condition instead of sleeping.
 */
export async function until<T>(what: string, check: () => Promise<T | undefined>, deadlineMs = 60_000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`still waiting, after ${deadlineMs} ms, for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
