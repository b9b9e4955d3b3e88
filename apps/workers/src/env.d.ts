// The bindings declared in wrangler.jsonc (and its secrets), as `env` and
// `c.env` see them, and the Worker's own exports, as `exports` sees them.
import type { AppVariables } from '@anywhere/core';
import type * as main from './main.ts';

declare global {
  namespace Cloudflare {
    // The app's own variables (ADMIN_TOKEN a secret: `wrangler secret put ADMIN_TOKEN`) come from core.
    interface Env extends AppVariables {
      DB: D1Database;
      /** `strict`: refuse what D1 refuses but local D1 runs (src/d1-limits.ts); for tests and local dev. */
      D1_LIMITS?: string;
      /** Cloudflare's Rate Limiting bindings (ratelimits in wrangler.jsonc). */
      ADDRESS_RATE_LIMITER: RateLimit;
      TOKEN_RATE_LIMITER: RateLimit;
    }
    interface GlobalProps {
      mainModule: typeof main;
    }
  }
}
