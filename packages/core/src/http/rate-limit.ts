import type { Context, MiddlewareHandler } from 'hono';
import { bearerToken } from '../auth/tokens.ts';
import type { AppConfig } from '../config.ts';
import type { Logger } from '../log.ts';
import { addressKey, tokenKey } from '../rate-limit/keys.ts';
import type { Bucket, Limiter, Rule } from '../rate-limit/limiter.ts';
import { ApiError } from './problem.ts';

/** The address of the connection's other end, as the runtime knows it; undefined when it does not. */
// oxlint-disable-next-line typescript/no-explicit-any -- any app, whatever its bindings
export type PeerAddress = (c: Context<any>) => string | undefined;

export interface RateLimitOptions {
  limiter: Limiter;
  rules: AppConfig['rateLimits'];
  /** TRUST_PROXY: the client is the last X-Forwarded-For hop, as the proxy in front wrote it. */
  trustProxy: boolean;
  peerAddress: PeerAddress | undefined;
  /** Paths never limited: health checks must not fail because a probe polls often. */
  unlimitedPaths: ReadonlySet<string>;
  logger: Logger;
}

const subjects: Record<Bucket, string> = { address: 'from this address', token: 'with this token' };

/**
 * 429 with Retry-After once a client address or an API token has used its
 * rule, before any route reads a body or a database. A request whose address
 * the runtime cannot tell is counted by token only. A store that fails lets
 * requests through (an outage of Redis must not become an outage of the API)
 * and says so once, then once more when it answers again.
 */
export function rateLimit({ limiter, rules, trustProxy, peerAddress, unlimitedPaths, logger }: RateLimitOptions): MiddlewareHandler {
  let failedCalls = 0;

  const take = async (bucket: Bucket, key: string, rule: Rule) => {
    let decision;
    try {
      decision = await limiter.take(bucket, key, rule);
    } catch (error) {
      if (failedCalls++ === 0) logger.error('rate limit store failed: requests pass unlimited until it answers', { error: String(error) });
      return;
    }
    if (failedCalls > 0) {
      logger.info('rate limit store answers again', { failedCalls });
      failedCalls = 0;
    }
    if (decision.allowed) return;
    const seconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
    throw new ApiError(429, `Too many requests ${subjects[bucket]}; retry in ${seconds} s.`, { headers: { 'Retry-After': String(seconds) } });
  };

  const clientAddress = (c: Context) => {
    if (trustProxy) {
      const forwarded = c.req.header('X-Forwarded-For')?.split(',').at(-1)?.trim();
      if (forwarded) return forwarded;
    }
    return peerAddress?.(c);
  };

  return async (c, next) => {
    if (unlimitedPaths.has(c.req.path)) return next();
    if (rules.address) {
      const address = clientAddress(c);
      if (address) await take('address', addressKey(address), rules.address);
    }
    if (rules.token) {
      const token = bearerToken(c.req.header('Authorization'));
      if (token) await take('token', tokenKey(token), rules.token);
    }
    return next();
  };
}
