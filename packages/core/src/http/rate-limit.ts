import { bucketOf, type Credential } from '../auth/credential.ts';
import type { AppConfig } from '../config.ts';
import type { Logger } from '../log.ts';
import { addressKey } from '../rate-limit/keys.ts';
import type { Bucket, Decision, Limiter, Rule } from '../rate-limit/limiter.ts';
import type { Incoming, PeerAddress } from './incoming.ts';
import { ApiError } from './problem.ts';
import type { MaybePromise } from './route.ts';

export interface RateLimitOptions {
  limiter: Limiter;
  rules: AppConfig['rateLimits'];
  /** TRUST_PROXY: the client is the last X-Forwarded-For hop, as the proxy in front wrote it. */
  trustProxy: boolean;
  peerAddress: PeerAddress | undefined;
  logger: Logger;
}

const subjects: Record<Bucket, string> = { address: 'from this address', token: 'with this token' };

/**
 * 429 with Retry-After once a client address or an API token has used its
 * rule, before any route reads a body or a database. A request whose address
 * the runtime cannot tell is counted by token only. A store that fails lets
 * requests through (an outage of Redis must not become an outage of the API)
 * and says so once, then once more when it answers again. A store in memory
 * answers at once, so a request it allows goes on without waiting.
 */
export function createRateLimit({ limiter, rules, trustProxy, peerAddress, logger }: RateLimitOptions) {
  let failedCalls = 0;

  const judge = (bucket: Bucket, decision: Decision) => {
    if (failedCalls > 0) {
      logger.info('rate limit store answers again', { failedCalls });
      failedCalls = 0;
    }
    if (decision.allowed) return;
    const seconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
    throw new ApiError(429, `Too many requests ${subjects[bucket]}; retry in ${seconds} s.`, { headers: { 'Retry-After': String(seconds) } });
  };
  const failed = (error: unknown) => {
    if (failedCalls++ === 0) logger.error('rate limit store failed: requests pass unlimited until it answers', { error: String(error) });
  };

  const take = (bucket: Bucket, key: string, rule: Rule): MaybePromise<void> => {
    let decision: MaybePromise<Decision>;
    try {
      decision = limiter.take(bucket, key, rule);
    } catch (error) {
      return failed(error);
    }
    if (decision instanceof Promise) return decision.then((answer) => judge(bucket, answer), failed);
    return judge(bucket, decision);
  };

  const clientAddress = ({ request }: Incoming) => {
    if (trustProxy) {
      const forwarded = request.headers.get('X-Forwarded-For')?.split(',').at(-1)?.trim();
      if (forwarded) return forwarded;
    }
    return undefined;
  };

  /** Counts one request against its address and its token. */
  return (incoming: Incoming, credential: Credential | null | undefined): MaybePromise<void> => {
    let byAddress: MaybePromise<void> = undefined;
    if (rules.address) {
      const address = clientAddress(incoming) ?? peerAddress?.(incoming);
      if (address) byAddress = take('address', addressKey(address), rules.address);
    }
    if (!rules.token || !credential) return byAddress;
    const rule = rules.token;
    return byAddress instanceof Promise
      ? byAddress.then(() => take('token', bucketOf(credential), rule))
      : take('token', bucketOf(credential), rule);
  };
}
