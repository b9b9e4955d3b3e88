import type { D1Migration } from '../src/database.ts';

declare global {
  namespace Cloudflare {
    interface Env {
      /** Test-only: the migrations folder, read by vitest.config.ts. */
      TEST_MIGRATIONS: D1Migration[];
      /** Test-only: a local D1 with no tables. */
      UNMIGRATED_DB: D1Database;
      /** Test-only: the rate limit rules the suite sets, as Rate Limiting bindings (contractRateLimits). */
      LIMIT_3_PER_60S: RateLimit;
      LIMIT_1_PER_60S: RateLimit;
    }
  }
}
