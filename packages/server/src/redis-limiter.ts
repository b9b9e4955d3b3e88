import { withDeadline } from '@anywhere/core';
import type { Limiter } from '@anywhere/core/rate-limit';

/** The one Redis command this needs, so core imports no client: each app adapts its own. */
export interface RedisEval {
  eval(script: string, keys: string[], args: string[]): Promise<unknown>;
}

export interface RedisLimiterOptions {
  /** Before every key, so several apps can share one Redis. */
  prefix?: string;
  /** A Redis that does not answer within this fails the call (and the request passes): it never holds requests. */
  timeoutMs?: number;
}

// The GCRA of limiter.ts, as one atomic script on Redis's own clock (TIME), so
// processes on machines whose clocks disagree still share one bucket exactly.
// The bucket expires when it would be empty: Redis keeps no stale keys.
const script = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + tonumber(time[2]) / 1000
local interval = tonumber(ARGV[1])
local period = tonumber(ARGV[2])
local stored = tonumber(redis.call('GET', KEYS[1]))
local tat = math.max(stored or now, now) + interval
if tat - now > period then
  return {0, math.ceil(tat - now - period)}
end
redis.call('SET', KEYS[1], string.format('%.3f', tat), 'PX', math.ceil(tat - now))
return {1, 0}
`;

/** Buckets in Redis, shared by every process and machine that points at it. */
export function createRedisLimiter(redis: RedisEval, { prefix = 'anywhere:rate-limit:', timeoutMs = 250 }: RedisLimiterOptions = {}): Limiter {
  return {
    async take(bucket, key, { limit, periodMs }) {
      const reply = await withDeadline(
        redis.eval(script, [`${prefix}${bucket}:${key}`], [String(periodMs / limit), String(periodMs)]),
        timeoutMs,
        () => new Error(`Redis did not answer within ${timeoutMs} ms`),
      );
      if (!Array.isArray(reply) || reply.length !== 2) throw new Error(`unexpected reply from the rate limit script: ${JSON.stringify(reply)}`);
      return { allowed: Number(reply[0]) === 1, retryAfterMs: Number(reply[1]) };
    },
  };
}
