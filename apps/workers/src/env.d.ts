// The bindings declared in wrangler.jsonc, as `env` and `c.env` see them,
// and the Worker's own exports, as `exports` from cloudflare:workers sees them.
import type * as main from './main.ts';

declare global {
  namespace Cloudflare {
    interface Env {
      DB: D1Database;
    }
    interface GlobalProps {
      mainModule: typeof main;
    }
  }
}
