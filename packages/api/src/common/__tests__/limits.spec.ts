import { randomBytes } from 'node:crypto';
import { TEST_REDIS_URL } from '../../../test/harness';
import { loginDelayMs, LoginGuard, type LoginLimits } from '../../modules/auth/login-guard';
import { addressKey, memoryLimits, openLimits, type Limits } from '../limits';

const prefix = () => `guichet:unit:${randomBytes(4).toString('hex')}`;

const stores: [string, () => Promise<Limits>][] = [['memory', () => Promise.resolve(memoryLimits(prefix()))]];
if (TEST_REDIS_URL) stores.push(['redis', () => openLimits({ redisUrl: TEST_REDIS_URL, prefix: prefix() })]);

describe.each(stores)('counters in %s', (_name, open) => {
  let limits: Limits;
  beforeAll(async () => {
    limits = await open();
  });
  afterAll(async () => limits.close());

  it('allows `points` hits per window, then says how long to wait', async () => {
    const counter = limits.counter('hits', { points: 3, durationSec: 60 });
    const hits = [];
    for (let i = 0; i < 5; i += 1) hits.push(await counter.hit('k'));
    expect(hits.map((h) => [h.allowed, h.count])).toEqual([
      [true, 1],
      [true, 2],
      [true, 3],
      [false, 4],
      [false, 5],
    ]);
    expect(hits[4]?.retryAfter).toBeGreaterThan(0);
    expect(hits[4]?.retryAfter).toBeLessThanOrEqual(60);
    expect((await counter.hit('another key')).allowed).toBe(true);
  });

  it('spends only what fits, refunds, locks and clears', async () => {
    const counter = limits.counter('budget', { points: 10, durationSec: 60 });
    expect((await counter.spend('t', 7)).allowed).toBe(true);
    expect((await counter.spend('t', 7)).allowed).toBe(false);
    expect(await counter.peek('t')).toMatchObject({ count: 7 });
    expect((await counter.spend('t', 3)).allowed).toBe(true);
    await counter.refund('t', 5);
    expect(await counter.peek('t')).toMatchObject({ count: 5 });

    await counter.lock('t', 120);
    const locked = await counter.hit('t');
    expect(locked.allowed).toBe(false);
    expect(locked.retryAfter).toBeGreaterThan(60);
    await counter.clear('t');
    expect(await counter.hit('t')).toMatchObject({ allowed: true, count: 1 });
  });

  it('keeps one rule per counter name', () => {
    limits.counter('named', { points: 1, durationSec: 1 });
    expect(() => limits.counter('named', { points: 2, durationSec: 1 })).toThrow(/another rule/);
  });
});

describe('Redis going away', () => {
  const run = TEST_REDIS_URL ? it : it.skip;
  run('leaves the counters counting in memory (rate-limiter-flexible insurance)', async () => {
    const limits = await openLimits({ redisUrl: TEST_REDIS_URL, prefix: prefix() });
    const counter = limits.counter('insured', { points: 2, durationSec: 60 });
    expect((await counter.hit('k')).allowed).toBe(true);
    await limits.close();
    const after = [await counter.hit('k'), await counter.hit('k'), await counter.hit('k')];
    expect(after.map((h) => h.allowed)).toEqual([true, true, false]);
  });

  it('refuses to start when REDIS_URL names a Redis that does not answer', async () => {
    await expect(openLimits({ redisUrl: 'redis://127.0.0.1:1', prefix: prefix(), connectTimeoutMs: 500 })).rejects.toThrow(
      /REDIS_URL is set but Redis does not answer/,
    );
  });
});

describe('client address keys', () => {
  it('keys IPv4 as it is, IPv4-mapped IPv6 as IPv4, IPv6 by its /64', () => {
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('2001:db8:1:2:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0db8:0001:0002::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey(null)).toBe('unknown');
  });
});

const LOGIN: LoginLimits = {
  LOGIN_FAILURES_PER_ACCOUNT: 5,
  LOGIN_FAILURES_PER_IP: 50,
  LOGIN_WINDOW_MINUTES: 15,
  LOGIN_LOCK_MINUTES: 15,
  LOGIN_DELAY_STEP_MS: 250,
  LOGIN_DELAY_MAX_MS: 2000,
};

describe('sign-in slowdown', () => {
  it('adds a step per earlier attempt of the account, and per tenth earlier attempt of the address, up to the maximum', () => {
    expect([1, 2, 3, 4, 5].map((n) => loginDelayMs(n, 1, LOGIN))).toEqual([0, 250, 500, 750, 1000]);
    expect([1, 10, 11, 21, 50].map((n) => loginDelayMs(1, n, LOGIN))).toEqual([0, 0, 250, 500, 1000]);
    expect(loginDelayMs(40, 1, LOGIN)).toBe(2000);
  });
});

describe('sign-in guard', () => {
  it('locks at the 5th failure, once; a success clears the account and gives the address its attempt back', async () => {
    const guard = new LoginGuard(memoryLimits(prefix()), LOGIN);
    const now = new Date();
    const locks = [];
    for (let i = 0; i < 7; i += 1) {
      const attempt = await guard.attempt('a@exemple.fr', '203.0.113.1');
      if (attempt.kind === 'open') locks.push(await guard.failed('a@exemple.fr', '203.0.113.1', attempt, now));
      else locks.push(attempt.kind);
    }
    expect(locks.map((l) => (l instanceof Date ? 'locked now' : l))).toEqual([
      null,
      null,
      null,
      null,
      'locked now',
      'accountLocked',
      'accountLocked',
    ]);
    expect((locks[4] as Date).getTime() - now.getTime()).toBe(15 * 60_000);
    await guard.unlock('a@exemple.fr');
    const open = await guard.attempt('a@exemple.fr', '203.0.113.1');
    expect(open).toMatchObject({ kind: 'open', accountCount: 1, addressCount: 8 });
    await guard.succeeded('a@exemple.fr', '203.0.113.1');
    expect(await guard.attempt('a@exemple.fr', '203.0.113.1')).toMatchObject({ kind: 'open', accountCount: 1, addressCount: 8 });
  });
});
