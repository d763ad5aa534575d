/**
 * How much query cost a caller may spend per window. `spend` adds `cost` to the caller's window and
 * resolves to 0 when the request may run, otherwise to the seconds until the window reopens (and
 * spends nothing). Asynchronous so that a shared store (Redis) can stand behind the same interface.
 */
export interface CostBudget {
  spend(key: string, cost: number, now?: number): Promise<number>;
}

/** A fixed window per key in this process's memory. */
export class InMemoryCostBudget implements CostBudget {
  private readonly windows = new Map<string, { start: number; spent: number }>();

  constructor(
    private readonly budget: number,
    private readonly windowMs: number = 60_000,
  ) {}

  spend(key: string, cost: number, now: number = Date.now()): Promise<number> {
    let w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs) {
      if (this.windows.size > 50_000) this.sweep(now);
      w = { start: now, spent: 0 };
      this.windows.set(key, w);
    }
    if (w.spent + cost > this.budget) return Promise.resolve(Math.max(1, Math.ceil((w.start + this.windowMs - now) / 1000)));
    w.spent += cost;
    return Promise.resolve(0);
  }

  private sweep(now: number): void {
    for (const [key, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(key);
  }
}
