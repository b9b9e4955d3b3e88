import { createBindingLimiter, type RateLimitBinding } from '@anywhere/core/rate-limit';

// What every Worker's contract run shares: its Rate Limiting bindings (read
// by vitest.config.ts, in Node) and the limiter the suite's apps use (inside
// workerd). On Cloudflare a binding holds its rule, so each rule the suite
// sets is a binding of its own.

/** miniflare's `ratelimits` for a contract run. */
export const contractRateLimits = {
  // The suite sends hundreds of requests a minute with one admin token: room for them.
  ADDRESS_RATE_LIMITER: { namespace_id: '1001', simple: { limit: 1_000_000, period: 60 } },
  TOKEN_RATE_LIMITER: { namespace_id: '1002', simple: { limit: 1_000_000, period: 60 } },
  // The rules the rate limit tests set (see api/rate-limits.ts).
  LIMIT_3_PER_60S: { namespace_id: '2001', simple: { limit: 3, period: 60 } },
  LIMIT_1_PER_60S: { namespace_id: '2002', simple: { limit: 1, period: 60 } },
} as const;

export type ContractRateLimits = Record<keyof typeof contractRateLimits, RateLimitBinding>;

const ruleBindings = { '3/60s': 'LIMIT_3_PER_60S', '1/60s': 'LIMIT_1_PER_60S' } as const;

/** The limiter for an app configured with `settings` (RATE_LIMIT, RATE_LIMIT_TOKEN), on the bindings above. */
export function contractLimiter(env: ContractRateLimits, settings: Record<string, string>) {
  const bindingFor = (rule: string | undefined, fallback: RateLimitBinding) => {
    if (rule === undefined || rule === 'off') return fallback;
    const name = ruleBindings[rule as keyof typeof ruleBindings];
    if (!name) throw new Error(`no Rate Limiting binding for ${rule} in contractRateLimits`);
    return env[name];
  };
  return createBindingLimiter({
    address: bindingFor(settings.RATE_LIMIT, env.ADDRESS_RATE_LIMITER),
    token: bindingFor(settings.RATE_LIMIT_TOKEN, env.TOKEN_RATE_LIMITER),
  });
}
