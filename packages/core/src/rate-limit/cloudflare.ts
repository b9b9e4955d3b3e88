import type { PeerAddress } from '../http/incoming.ts';
import type { Bucket, Limiter } from './limiter.ts';

/** The one method of Cloudflare's Rate Limiting binding this needs, so core names no Workers type. */
export interface RateLimitBinding {
  limit(options: { key: string }): Promise<{ success: boolean }>;
}

/** Cloudflare writes the client's address here, and a client cannot set it. */
export const cloudflarePeerAddress: PeerAddress = ({ request }) => request.headers.get('CF-Connecting-IP') ?? undefined;

/**
 * Cloudflare's Rate Limiting binding as a Limiter, for every Worker: one
 * binding per bucket, counted at the edge location that serves the request.
 * The binding's own `simple` rule in wrangler.jsonc is what it enforces; it
 * answers only yes or no, so Retry-After is the configured rule's whole
 * period, the longest a client could have to wait.
 */
export function createBindingLimiter(bindings: Record<Bucket, RateLimitBinding | undefined>): Limiter {
  return {
    async take(bucket, key, rule) {
      const binding = bindings[bucket];
      if (!binding) throw new Error(`no Rate Limiting binding for the ${bucket} limit: see ratelimits in wrangler.jsonc`);
      const { success } = await binding.limit({ key: `${bucket}:${key}` });
      return success ? { allowed: true, retryAfterMs: 0 } : { allowed: false, retryAfterMs: rule.periodMs };
    },
  };
}
