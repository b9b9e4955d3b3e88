/** At most `limit` requests in any `periodMs`: all at once, or spread out. */
export interface Rule {
  limit: number;
  periodMs: number;
}

/** What a limiter answers for one request. */
export interface Decision {
  allowed: boolean;
  /** When refused: how long until one more request would be allowed. */
  retryAfterMs: number;
}

/** The two things a request is counted against. */
export type Bucket = 'address' | 'token';

/** A store of buckets: one process's memory, Redis shared by many, or a Workers binding. */
export interface Limiter {
  /**
   * Counts one request against `key` in `bucket` under `rule`; a refused
   * request is not counted. A store in memory answers at once; one across
   * the network answers with a promise.
   */
  take(bucket: Bucket, key: string, rule: Rule): Decision | Promise<Decision>;
}

const units = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;
const rulePattern = /^([1-9][0-9]*)\/([1-9][0-9]*)(ms|s|m|h)$/;

/** `600/60s`, `20/1s`, `5/500ms`, `100/1m`, `1000/1h`; `off` for none; undefined for anything else. */
export function parseRule(text: string): Rule | 'off' | undefined {
  if (text === 'off') return 'off';
  const match = rulePattern.exec(text);
  if (!match) return undefined;
  const limit = Number(match[1]);
  const periodMs = Number(match[2]) * units[match[3] as keyof typeof units];
  return Number.isSafeInteger(limit) && Number.isSafeInteger(periodMs) ? { limit, periodMs } : undefined;
}

export const allowed: Decision = { allowed: true, retryAfterMs: 0 };

/**
 * GCRA, the generic cell rate algorithm: a bucket is one number, the time
 * `tat` at which it would be empty again. Each request adds `periodMs / limit`
 * to it; a request that would push it more than `periodMs` ahead of now is
 * refused. So `limit` requests pass at once, then one per interval, with no
 * window edge to burst across and no counter to reset. `redis.ts` runs the
 * same arithmetic inside Redis.
 */
export function gcra(storedTat: number | undefined, now: number, { limit, periodMs }: Rule) {
  const tat = Math.max(storedTat ?? now, now) + periodMs / limit;
  const ahead = tat - now;
  if (ahead > periodMs) return { allowed: false, retryAfterMs: ahead - periodMs, tat: storedTat };
  return { allowed: true, retryAfterMs: 0, tat };
}
