import type { MigrationMeta } from 'drizzle-orm/migrator';

declare global {
  namespace Cloudflare {
    interface Env {
      /** Test-only: the Postgres migrations folder, read by vitest.config.ts. */
      TEST_MIGRATIONS: MigrationMeta[];
      /** Test-only: Hyperdrive to a database no migration touches. */
      UNMIGRATED_HYPERDRIVE: Hyperdrive;
      /** Test-only: why no PostgreSQL server can be used ('' when one can), and whether that fails the run. */
      POSTGRES_UNAVAILABLE: string;
      POSTGRES_REQUIRED: boolean;
      /** Test-only: the rate limit rules the suite sets, as Rate Limiting bindings (contractRateLimits). */
      LIMIT_3_PER_60S: RateLimit;
      LIMIT_1_PER_60S: RateLimit;
    }
  }
}
