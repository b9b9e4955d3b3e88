// The bindings declared in wrangler.jsonc (and its secrets), as `env` and
// `c.env` see them, and the Worker's own exports, as `exports` sees them.
import type * as main from './main.ts';

declare global {
  namespace Cloudflare {
    interface Env {
      DB: D1Database;
      /** A secret: `wrangler secret put ADMIN_TOKEN`. */
      ADMIN_TOKEN?: string;
      CORS_ORIGINS?: string;
      CORS_CREDENTIALS?: string;
      BODY_LIMIT_KB?: string;
      LOG_LEVEL?: string;
    }
    interface GlobalProps {
      mainModule: typeof main;
    }
  }
}
