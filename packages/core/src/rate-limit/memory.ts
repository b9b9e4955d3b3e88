import { gcra, type Limiter } from './limiter.ts';

export interface MemoryLimiterOptions {
  /** Buckets kept at most; past it the least recently used is forgotten (that client starts afresh). */
  maxKeys?: number;
  now?: () => number;
}

/**
 * Buckets in this process's memory: right for one process, wrong for several
 * (each would allow the whole limit). No timer: expired buckets are swept when
 * the map has doubled since the last sweep, so the cost is spread over the
 * requests that grew it, and a refused request stores nothing.
 */
export function createMemoryLimiter({ maxKeys = 100_000, now = Date.now }: MemoryLimiterOptions = {}): Limiter {
  // Insertion order is use order: every write deletes and re-adds its key.
  const buckets = new Map<string, number>();
  let sweepAbove = 1024;

  const sweep = (time: number) => {
    for (const [id, tat] of buckets) if (tat <= time) buckets.delete(id);
    sweepAbove = Math.max(1024, buckets.size * 2);
  };

  return {
    take(bucket, key, rule) {
      const id = `${bucket}:${key}`;
      const time = now();
      const decision = gcra(buckets.get(id), time, rule);
      if (decision.allowed && decision.tat !== undefined) {
        buckets.delete(id);
        buckets.set(id, decision.tat);
        if (buckets.size > sweepAbove) sweep(time);
        if (buckets.size > maxKeys) buckets.delete(buckets.keys().next().value!);
      }
      return { allowed: decision.allowed, retryAfterMs: decision.retryAfterMs };
    },
  };
}
