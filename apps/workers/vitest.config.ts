import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

// The folder wrangler.jsonc names, read the way `wrangler d1 migrations apply` reads it.
const migrations = await readD1Migrations(fileURLToPath(new URL('../../packages/core/migrations/sqlite', import.meta.url)));

export default defineProject({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: './wrangler.jsonc' },
      miniflare: { bindings: { TEST_MIGRATIONS: migrations } },
    }),
  ],
  test: { name: 'd1', include: ['test/**/*.test.ts'] },
});
