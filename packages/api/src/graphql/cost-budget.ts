/**
 * How much query cost a caller may spend per window. `spend` adds `cost` to the caller's window and
 * resolves to 0 when the request may run, otherwise to the seconds until the window reopens (and
 * spends nothing). Asynchronous so that a shared store (Redis) can stand behind the same interface.
 */
export interface CostBudget {
  spend(key: string, cost: number, now?: number): Promise<number>;
}
