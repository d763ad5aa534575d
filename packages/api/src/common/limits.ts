import { DomainError } from './domain-error';
import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

/**
 * Every counter of the product (sign-in failures, emails per address, requests per token…) goes
 * through this module: in this process's memory by default, in Redis when REDIS_URL is set so that
 * every instance sees the same counts. Built on rate-limiter-flexible (fixed windows that start with
 * the first hit of a key).
 */

/** At most `points` in a window of `durationSec` seconds. */
export interface LimitRule {
  points: number;
  durationSec: number;
}

export interface Hit {
  /** True while the key's count (this hit included) stays within the rule's points. */
  allowed: boolean;
  /** The key's count in its window, this hit included. */
  count: number;
  /** Seconds until the key's window (or lock) ends; 0 when allowed. */
  retryAfter: number;
}

export interface Counter {
  readonly rule: LimitRule;
  /** Counts `points` (default 1) for `key`. */
  hit(key: string, points?: number): Promise<Hit>;
  /** Counts `points` only when they fit; a refused spend counts nothing. */
  spend(key: string, points: number): Promise<Hit>;
  /** The key's count and the seconds left in its window, without counting. */
  peek(key: string): Promise<{ count: number; retryAfter: number }>;
  /** Takes back `points` counted earlier. */
  refund(key: string, points?: number): Promise<void>;
  /** Refuses every hit of `key` for `seconds` (its count goes past the limit for that long). */
  lock(key: string, seconds: number): Promise<void>;
  /** Forgets the key: a new window starts with its next hit. */
  clear(key: string): Promise<void>;
}

export interface Limits {
  /** Where the counts live. */
  readonly store: 'memory' | 'redis';
  readonly prefix: string;
  /** A counter; `name` separates it from the others (one name, one rule). */
  counter(name: string, rule: LimitRule): Counter;
  /** Closes the connection to Redis, if any. */
  close(): Promise<void>;
}

export interface LimitsOptions {
  /** redis:// URL; absent: memory. */
  redisUrl?: string;
  /** Prefix of every key (RATE_LIMIT_PREFIX). */
  prefix: string;
  log?: (message: string) => void;
  /** How long to wait for Redis at start before giving up (ms). */
  connectTimeoutMs?: number;
}

/**
 * The key of a client address: IPv4 as it is (an IPv4-mapped IPv6 address as its IPv4), IPv6 by its
 * /64 — what one subscriber usually holds — so that walking through one's own /64 gains nothing.
 */
export function addressKey(ip: string | null | undefined): string {
  if (!ip) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped?.[1]) return mapped[1];
  if (!ip.includes(':')) return ip;
  const [head = '', tail = ''] = ip.toLowerCase().split('%')[0]!.split('::');
  const left = head ? head.split(':') : [];
  const right = ip.includes('::') && tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

const secondsFrom = (ms: number): number => (ms > 0 ? Math.max(1, Math.ceil(ms / 1000)) : 0);

/**
 * Keys are hashed: counters are keyed by email addresses and client addresses, which need not sit
 * in clear in a shared store. 128 bits keep collisions out of reach.
 */
const hashKey = (key: string): string => createHash('sha256').update(key).digest('base64url').slice(0, 22);

class RateLimiterCounter implements Counter {
  constructor(
    readonly rule: LimitRule,
    private readonly limiter: RateLimiterAbstract,
  ) {}

  async hit(key: string, points = 1): Promise<Hit> {
    try {
      const res = await this.limiter.consume(hashKey(key), points);
      return { allowed: true, count: res.consumedPoints, retryAfter: 0 };
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) {
        return { allowed: false, count: rejection.consumedPoints, retryAfter: Math.max(1, secondsFrom(rejection.msBeforeNext)) };
      }
      throw rejection;
    }
  }

  async spend(key: string, points: number): Promise<Hit> {
    const hit = await this.hit(key, points);
    if (!hit.allowed) await this.refund(key, points);
    return hit;
  }

  async peek(key: string): Promise<{ count: number; retryAfter: number }> {
    const res = await this.limiter.get(hashKey(key));
    if (!res) return { count: 0, retryAfter: 0 };
    return { count: res.consumedPoints, retryAfter: secondsFrom(res.msBeforeNext) };
  }

  async refund(key: string, points = 1): Promise<void> {
    await this.limiter.reward(hashKey(key), points);
  }

  async lock(key: string, seconds: number): Promise<void> {
    await this.limiter.block(hashKey(key), seconds);
  }

  async clear(key: string): Promise<void> {
    await this.limiter.delete(hashKey(key));
  }
}

function checkRule(name: string, rule: LimitRule): void {
  if (!/^[\w:.-]+$/.test(name)) throw new Error(`counter name "${name}": letters, digits, _ : . - only`);
  if (!(rule.points >= 1 && Number.isInteger(rule.points))) throw new Error(`counter ${name}: points must be a positive integer`);
  if (!(rule.durationSec >= 1 && Number.isInteger(rule.durationSec))) {
    throw new Error(`counter ${name}: durationSec must be a positive integer`);
  }
}

function registry(make: (name: string, rule: LimitRule) => RateLimiterAbstract): (name: string, rule: LimitRule) => Counter {
  const counters = new Map<string, Counter>();
  return (name, rule) => {
    checkRule(name, rule);
    const existing = counters.get(name);
    if (existing) {
      if (existing.rule.points !== rule.points || existing.rule.durationSec !== rule.durationSec) {
        throw new Error(`counter ${name} already exists with another rule`);
      }
      return existing;
    }
    const counter = new RateLimiterCounter(rule, make(name, rule));
    counters.set(name, counter);
    return counter;
  };
}

/** Counters in this process's memory: each instance counts on its own. */
export function memoryLimits(prefix: string): Limits {
  return {
    store: 'memory',
    prefix,
    counter: registry(
      (name, rule) => new RateLimiterMemory({ keyPrefix: `${prefix}:${name}`, points: rule.points, duration: rule.durationSec }),
    ),
    close: () => Promise.resolve(),
  };
}

/**
 * How long a Redis command may go unanswered before the counter counts in memory instead. Redis
 * answers these commands (one Lua script on one key) in well under a millisecond on a local network.
 */
export const REDIS_COMMAND_TIMEOUT_MS = 500;

/**
 * Counters in Redis when `redisUrl` is set (every instance with the same prefix shares them),
 * otherwise in memory. Redis must answer at start, like the database. If it goes away later —
 * stopped, unreachable, or not answering within REDIS_COMMAND_TIMEOUT_MS — each counter falls back
 * to this process's memory (rate-limiter-flexible's insurance limiter) until it is back, and the
 * outage is logged: the limits keep holding, per instance, and no request waits for Redis.
 */
export async function openLimits(options: LimitsOptions): Promise<Limits> {
  const { redisUrl, prefix } = options;
  if (!redisUrl) return memoryLimits(prefix);
  const log = options.log ?? (() => undefined);
  let started = false;
  const client = new Redis(redisUrl, {
    lazyConnect: true,
    // A command sent while disconnected fails at once (and the insurance limiter answers) instead of waiting.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: options.connectTimeoutMs ?? 5000,
    // A Redis that keeps the connection open but does not answer (frozen, or the network dropping
    // packets) would otherwise hold every request that counts something. A command gets no answer
    // within REDIS_COMMAND_TIMEOUT_MS: it fails (the insurance limiter answers it), and the
    // connection is dropped and opened again, so that the next commands fail at once until Redis
    // answers the reconnection.
    commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
    socketTimeout: REDIS_COMMAND_TIMEOUT_MS,
    // No retry before the first connection (start fails instead); after it, reconnect for ever.
    retryStrategy: (times) => (started ? Math.min(times * 100, 2000) : null),
  });
  let lastLogged = 0;
  client.on('error', (error: Error) => {
    // ioredis retries on its own; say so at most once a minute.
    if (Date.now() - lastLogged < 60_000) return;
    lastLogged = Date.now();
    log(`limits: Redis unavailable (${error.message}); counting in this process's memory until it answers again`);
  });
  try {
    await client.connect();
    await client.ping();
    started = true;
  } catch (error) {
    // Without a retry the client has ended already (disconnecting it again would hold the process 2 s).
    if (client.status !== 'end') client.disconnect();
    const where = redisUrl.replace(/\/\/[^@/]*@/, '//…@');
    throw new Error(`REDIS_URL is set but Redis does not answer at ${where}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return {
    store: 'redis',
    prefix,
    counter: registry((name, rule) => {
      const options = { keyPrefix: `${prefix}:${name}`, points: rule.points, duration: rule.durationSec };
      return new RateLimiterRedis({
        ...options,
        storeClient: client,
        insuranceLimiter: new RateLimiterMemory(options),
        // While the client is not connected, straight to the insurance limiter.
        rejectIfRedisNotReady: true,
      });
    }),
    close: async () => {
      try {
        await client.quit();
      } catch {
        client.disconnect();
      }
    },
  };
}

/**
 * The refusal for a public request over a limit keyed by what the caller sent (their address, the
 * email or SIRET typed): it reveals nothing about accounts or companies, so it can be said plainly.
 */
export async function requireWithin(counter: Counter, key: string, what: string): Promise<void> {
  const hit = await counter.hit(key);
  if (!hit.allowed) {
    throw new DomainError('RATE_LIMITED', `Too many ${what}: retry in ${hit.retryAfter} s.`, [], { retryAfter: hit.retryAfter });
  }
}
