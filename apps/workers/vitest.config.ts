import { contractRateLimits } from '@anywhere/contract/workers';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

// The folder wrangler.jsonc names, read the way `wrangler d1 migrations apply` reads it.
const migrations = await readD1Migrations(fileURLToPath(new URL('../../packages/core/migrations/sqlite', import.meta.url)));

export default defineProject({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: './wrangler.jsonc' },
      miniflare: {
        // A second local D1 that no migration touches, for failures inside the database.
        d1Databases: ['UNMIGRATED_DB'],
        ratelimits: contractRateLimits,
        bindings: {
          TEST_MIGRATIONS: migrations,
          // A fresh admin secret per run, as `wrangler secret put` would set it.
          ADMIN_TOKEN: randomBytes(32).toString('hex'),
          // Request logs would drown the test output; errors still print.
          LOG_LEVEL: 'error',
          // Local D1 runs what D1 refuses: here it refuses it too (src/d1-limits.ts).
          D1_LIMITS: 'strict',
        },
      },
    }),
  ],
  // Generous timeouts: a busy machine runs a test of a few hundred requests past Vitest's 5 s default.
  test: { name: 'd1', include: ['test/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 60_000 },
});
