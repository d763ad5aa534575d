import { addressKey, type Counter, type Limits } from '../../common/limits';
import type { Env } from '../../config/env';

export type LoginLimits = Pick<
  Env,
  | 'LOGIN_FAILURES_PER_ACCOUNT'
  | 'LOGIN_FAILURES_PER_IP'
  | 'LOGIN_WINDOW_MINUTES'
  | 'LOGIN_LOCK_MINUTES'
  | 'LOGIN_DELAY_STEP_MS'
  | 'LOGIN_DELAY_MAX_MS'
>;

/** What the guard says before a password is checked. */
export type LoginAttempt =
  /** The client address is locked: answer RATE_LIMITED, check nothing. */
  | { kind: 'addressLocked'; retryAfter: number }
  /** The account is locked: check the password all the same (same time), then answer INVALID_CREDENTIALS whatever it is. */
  | { kind: 'accountLocked'; delayMs: number }
  | { kind: 'open'; accountCount: number; addressCount: number; delayMs: number };

/**
 * The slowdown before an answer: each earlier attempt of the account in the window, and each
 * (failures per IP ÷ failures per account)-th earlier attempt from the address, adds one step,
 * up to the maximum. The first attempt waits nothing.
 */
export function loginDelayMs(accountCount: number, addressCount: number, limits: LoginLimits): number {
  const fromAccount = accountCount - 1;
  const fromAddress = Math.floor(((addressCount - 1) * limits.LOGIN_FAILURES_PER_ACCOUNT) / limits.LOGIN_FAILURES_PER_IP);
  const steps = Math.max(0, fromAccount, fromAddress);
  return Math.min(limits.LOGIN_DELAY_MAX_MS, steps * limits.LOGIN_DELAY_STEP_MS);
}

/**
 * Sign-in protection, per account and per client address. Attempts are counted before the password
 * is checked (so parallel guesses cannot exceed the limit) and a success takes its attempt back: what
 * the counters hold are failures. The account's counter is keyed by the address typed, whether or
 * not an account has it, so a lock says nothing about existence.
 *
 * - Per account: LOGIN_FAILURES_PER_ACCOUNT failures within LOGIN_WINDOW_MINUTES lock it for
 *   LOGIN_LOCK_MINUTES; meanwhile every attempt, right password included, answers
 *   INVALID_CREDENTIALS. A success clears the count; a password reset unlocks.
 * - Per client address: LOGIN_FAILURES_PER_IP failures (all accounts together) lock the address
 *   for LOGIN_LOCK_MINUTES: RATE_LIMITED with retryAfter, nothing checked.
 * - Before that, answers slow down (loginDelayMs).
 */
export class LoginGuard {
  private readonly account: Counter;
  private readonly address: Counter;

  constructor(
    limits: Limits,
    private readonly config: LoginLimits,
  ) {
    const durationSec = config.LOGIN_WINDOW_MINUTES * 60;
    this.account = limits.counter('login:account', { points: config.LOGIN_FAILURES_PER_ACCOUNT, durationSec });
    this.address = limits.counter('login:address', { points: config.LOGIN_FAILURES_PER_IP, durationSec });
  }

  private get lockSeconds(): number {
    return this.config.LOGIN_LOCK_MINUTES * 60;
  }

  async attempt(email: string, ip: string | null | undefined): Promise<LoginAttempt> {
    const address = await this.address.hit(addressKey(ip));
    if (!address.allowed) return { kind: 'addressLocked', retryAfter: address.retryAfter };
    const account = await this.account.hit(email);
    const delayMs = loginDelayMs(account.count, address.count, this.config);
    if (!account.allowed) return { kind: 'accountLocked', delayMs };
    return { kind: 'open', accountCount: account.count, addressCount: address.count, delayMs };
  }

  /** The right password: the account's failures are forgotten, the address's attempt taken back. */
  async succeeded(email: string, ip: string | null | undefined): Promise<void> {
    await Promise.all([this.account.clear(email), this.address.refund(addressKey(ip))]);
  }

  /**
   * A wrong password on an open attempt. The failure that reaches a limit locks (one request only
   * sees the exact count, so a lock starts once); returns the end of the account's lock when this
   * failure started it, so that its holder is told once.
   */
  async failed(
    email: string,
    ip: string | null | undefined,
    attempt: Extract<LoginAttempt, { kind: 'open' }>,
    now: Date,
  ): Promise<Date | null> {
    if (attempt.addressCount === this.config.LOGIN_FAILURES_PER_IP) await this.address.lock(addressKey(ip), this.lockSeconds);
    if (attempt.accountCount !== this.config.LOGIN_FAILURES_PER_ACCOUNT) return null;
    await this.account.lock(email, this.lockSeconds);
    return new Date(now.getTime() + this.lockSeconds * 1000);
  }

  /** A new password was set: the account's lock and failures end. */
  async unlock(email: string): Promise<void> {
    await this.account.clear(email);
  }
}
