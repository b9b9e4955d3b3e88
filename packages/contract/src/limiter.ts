import type { Limiter } from '@anywhere/core/rate-limit';
import type { RedisEval } from '@anywhere/server';
import { describe, expect } from 'vitest';
import { matrix } from './matrix.ts';

export interface LimiterTarget {
  adapter: string;
  /** memory, redis: shown in the test names. */
  store: string;
  /** A limiter with buckets no other test uses. */
  create(): Limiter;
  /** Why this store cannot be tested here; its tests are then skipped with it. */
  unavailable?: string | undefined;
}

let sequence = 0;
const someKey = () => `key-${++sequence}-${crypto.randomUUID()}`;

/** What every rate limit store must do, whatever keeps the buckets. */
export function describeLimiterContract({ adapter, store, create, unavailable }: LimiterTarget): void {
  const { testUnless } = matrix({ adapter });
  const test = (title: string, body: () => Promise<void>) => testUnless(unavailable, `${store} store: ${title}`, body);

  describe(`rate limit store (${store})`, () => {
    test('allows exactly the limit at once, then refuses with the wait until one more fits', async () => {
      const limiter = create();
      const key = someKey();
      const rule = { limit: 5, periodMs: 10_000 };
      const decisions = [];
      for (let i = 0; i < 6; i++) decisions.push(await limiter.take('token', key, rule));
      expect(decisions.map((decision) => decision.allowed)).toEqual([true, true, true, true, true, false]);
      // One more fits once a fifth of the period has passed since the first.
      expect(decisions[5]!.retryAfterMs).toBeGreaterThan(0);
      expect(decisions[5]!.retryAfterMs).toBeLessThanOrEqual(2000);
    });

    test('counts each key, and each bucket, apart', async () => {
      const limiter = create();
      const [key, other] = [someKey(), someKey()];
      const rule = { limit: 1, periodMs: 60_000 };
      expect((await limiter.take('address', key, rule)).allowed).toBe(true);
      expect((await limiter.take('address', key, rule)).allowed).toBe(false);
      expect((await limiter.take('address', other, rule)).allowed).toBe(true);
      expect((await limiter.take('token', key, rule)).allowed).toBe(true);
    });

    test('a refused request is not counted: refusals do not make the wait longer', async () => {
      const limiter = create();
      const key = someKey();
      const rule = { limit: 2, periodMs: 60_000 };
      await limiter.take('token', key, rule);
      await limiter.take('token', key, rule);
      const first = await limiter.take('token', key, rule);
      for (let i = 0; i < 5; i++) await limiter.take('token', key, rule);
      const last = await limiter.take('token', key, rule);
      expect(first.allowed || last.allowed).toBe(false);
      expect(last.retryAfterMs).toBeLessThanOrEqual(first.retryAfterMs);
    });

    test('of 50 requests at once under a limit of 10, exactly 10 pass', async () => {
      const limiter = create();
      const key = someKey();
      const decisions = await Promise.all(Array.from({ length: 50 }, () => limiter.take('token', key, { limit: 10, periodMs: 60_000 })));
      expect(decisions.filter((decision) => decision.allowed)).toHaveLength(10);
    });
  });
}

/** Redis keeps no bucket longer than it takes to empty. */
export function describeRedisExpiry({ adapter, redis, create, unavailable }: { adapter: string; redis: () => RedisEval; create: (prefix: string) => Limiter; unavailable: string | undefined }) {
  const { testUnless } = matrix({ adapter });
  testUnless(unavailable, 'redis store: a bucket expires when it would be empty, so Redis holds no stale keys', async () => {
    const prefix = `anywhere-test:${crypto.randomUUID()}:`;
    await create(prefix).take('address', '192.0.2.1', { limit: 4, periodMs: 60_000 });
    const ttl = Number(await redis().eval("return redis.call('PTTL', KEYS[1])", [`${prefix}address:192.0.2.1`], []));
    // One request of four in a minute: the bucket empties within 15 s.
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(15_000);
  });
}

/** The in-memory store stays bounded however many clients come. */
export function describeMemoryBounds(adapter: string, create: (options: { maxKeys: number; now: () => number }) => Limiter) {
  const { test } = matrix({ adapter });
  test('memory store: past maxKeys buckets the least recently counted is forgotten, so memory stays bounded', async () => {
    const limiter = create({ maxKeys: 3, now: () => 1_000_000 });
    const rule = { limit: 1, periodMs: 60_000 };
    const allowed = async (key: string) => (await limiter.take('address', key, rule)).allowed;
    for (const key of ['a', 'b', 'c', 'd']) expect(await allowed(key)).toBe(true); // d pushes a out
    expect(await allowed('a')).toBe(true); // a starts afresh, and pushes b out
    expect([await allowed('c'), await allowed('d'), await allowed('a')]).toEqual([false, false, false]);
  });

  test('memory store: a bucket in use is kept when one is forgotten, an idle one goes', async () => {
    const limiter = create({ maxKeys: 4, now: () => 1_000_000 });
    const rule = { limit: 2, periodMs: 60_000 };
    const allowed = async (key: string) => (await limiter.take('address', key, rule)).allowed;
    for (const key of ['a', 'b', 'c', 'd']) expect(await allowed(key)).toBe(true);
    expect(await allowed('a')).toBe(true); // a's second and last: a is in use
    expect(await allowed('e')).toBe(true); // one bucket too many: b, made after a but idle since, goes
    expect(await allowed('a')).toBe(false); // a is remembered, spent
    expect([await allowed('b'), await allowed('b')]).toEqual([true, true]); // b starts afresh
  });
}
