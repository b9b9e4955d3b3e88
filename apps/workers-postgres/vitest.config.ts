import { postgresProblem, postgresRequired, testDatabase } from '@anywhere/contract/postgres-server';
import { contractRateLimits } from '@anywhere/contract/workers';
import { cloudflareTest } from '@cloudflare/vitest-plugin';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

// Two fresh databases on the test server for this run, as the postgres suite
// has: the contract's, and one no migration touches. Hyperdrive connects to
// them straight, as it does under wrangler dev (no pooling, no cache). They
// are made only when this project runs, and dropped when Vitest closes.
const unavailable = await postgresProblem();
const [main, unmigrated] = [testDatabase('hyperdrive'), testDatabase('hyperdrive_empty')];

/** miniflare's Hyperdrive wants a password in the URL; with trust authentication any will do. */
const withPassword = (url: string) => {
  const parsed = new URL(url);
  parsed.password ||= 'unused';
  return parsed.href;
};

// How wrangler (and so this plugin) points the wrangler.jsonc binding at a local database.
process.env.CLOUDFLARE_HYPERDRIVE_LOCAL_CONNECTION_STRING_HYPERDRIVE = withPassword(main.url);

export default defineProject({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: './wrangler.jsonc' },
      miniflare: {
        hyperdrives: { UNMIGRATED_HYPERDRIVE: withPassword(unmigrated.url) },
        ratelimits: contractRateLimits,
        bindings: {
          // The folder `pnpm db:migrate` applies, read as Drizzle's migrator reads it.
          TEST_MIGRATIONS: JSON.parse(JSON.stringify(readMigrationFiles({ migrationsFolder: fileURLToPath(new URL('../../packages/core/migrations/pg', import.meta.url)) }))),
          POSTGRES_UNAVAILABLE: unavailable ?? '',
          POSTGRES_REQUIRED: postgresRequired,
          // A fresh admin secret per run, as `wrangler secret put` would set it.
          ADMIN_TOKEN: randomBytes(32).toString('hex'),
          // Request logs would drown the test output; errors still print.
          LOG_LEVEL: 'error',
        },
      },
    }),
    {
      name: 'test-databases',
      async configureVitest({ vitest }) {
        if (unavailable) return;
        await Promise.all([main.create(), unmigrated.create()]);
        vitest.onClose(async () => void (await Promise.all([main.drop(), unmigrated.drop()])));
      },
    },
  ],
  test: { name: 'hyperdrive', include: ['test/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 60_000 },
});
