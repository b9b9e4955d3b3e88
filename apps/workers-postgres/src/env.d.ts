// The bindings declared in wrangler.jsonc (and its secrets), as `env` and
// `c.env` see them, and the Worker's own exports, as `exports` sees them.
import type * as main from './main.ts';

declare global {
  namespace Cloudflare {
    interface Env {
      HYPERDRIVE: Hyperdrive;
      /** A secret: `wrangler secret put ADMIN_TOKEN`. */
      ADMIN_TOKEN?: string;
      CORS_ORIGINS?: string;
      CORS_CREDENTIALS?: string;
      BODY_LIMIT_KB?: string;
      LOG_LEVEL?: string;
      RATE_LIMIT?: string;
      RATE_LIMIT_TOKEN?: string;
      TRUST_PROXY?: string;
      /** Cloudflare's Rate Limiting bindings (ratelimits in wrangler.jsonc). */
      ADDRESS_RATE_LIMITER: RateLimit;
      TOKEN_RATE_LIMITER: RateLimit;
    }
    interface GlobalProps {
      mainModule: typeof main;
    }
  }
}
