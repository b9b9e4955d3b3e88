import { gcra, type Limiter } from './limiter.ts';

export interface MemoryLimiterOptions {
  /** Buckets kept at most; past it the least recently used is forgotten (that client starts afresh). */
  maxKeys?: number;
  now?: () => number;
}

/** A bucket's state, changed in place on every request it counts. */
interface Bucket {
  /** GCRA's theoretical arrival time. */
  tat: number;
  /** How many buckets had been made when this one last moved to the end of the map. */
  movedAt: number;
}

/**
 * Buckets in this process's memory: right for one process, wrong for several
 * (each would allow the whole limit). No timer: expired buckets are swept when
 * the map has doubled since the last sweep, so the cost is spread over the
 * requests that grew it, and a refused request stores nothing.
 *
 * The map's order is the order of use, closely enough for forgetting: a bucket
 * in use moves to the end once more than half of `maxKeys` buckets have been
 * made since it last moved, so the first in the map, the one forgotten, is
 * always one unused for at least that long. Moving it on every request
 * (delete, then set) had V8 rebuild the map's table and keep a new key string
 * per request, garbage that outlived young collections (measured with V8's
 * sampling heap profiler under load); a bucket's state is changed in place.
 */
export function createMemoryLimiter({ maxKeys = 100_000, now = Date.now }: MemoryLimiterOptions = {}): Limiter {
  const buckets = new Map<string, Bucket>();
  let made = 0;
  let sweepAbove = 1024;

  const sweep = (time: number) => {
    for (const [id, bucket] of buckets) if (bucket.tat <= time) buckets.delete(id);
    sweepAbove = Math.max(1024, buckets.size * 2);
  };

  return {
    take(kind, key, rule) {
      const id = `${kind}:${key}`;
      const time = now();
      const bucket = buckets.get(id);
      const decision = gcra(bucket?.tat, time, rule);
      if (decision.allowed && decision.tat !== undefined) {
        if (bucket) {
          bucket.tat = decision.tat;
          if (made - bucket.movedAt > maxKeys / 2) {
            buckets.delete(id);
            buckets.set(id, bucket);
            bucket.movedAt = made;
          }
        } else {
          buckets.set(id, { tat: decision.tat, movedAt: ++made });
          if (buckets.size > sweepAbove) sweep(time);
          if (buckets.size > maxKeys) buckets.delete(buckets.keys().next().value!);
        }
      }
      return { allowed: decision.allowed, retryAfterMs: decision.retryAfterMs };
    },
  };
}
