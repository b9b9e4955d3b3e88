import type { D1Migration } from '../src/database.ts';

declare global {
  namespace Cloudflare {
    interface Env {
      /** Test-only: the migrations folder, read by vitest.config.ts. */
      TEST_MIGRATIONS: D1Migration[];
      /** Test-only: a local D1 with no tables. */
      UNMIGRATED_DB: D1Database;
    }
  }
}
