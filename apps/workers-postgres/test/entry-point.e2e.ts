import { describeEntryPoint } from '@anywhere/contract/entry-point';
import { createTestDatabase, whyNoPostgres, type TestDatabase } from '@anywhere/contract/postgres-server';
import { freePort, startServer } from '@anywhere/contract/process';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { writeDocsAssets } from '../../../scripts/docs-assets.ts';

// wrangler's CLI itself, not its bin wrapper, so SIGTERM reaches the process that owns workerd.
const wrangler = createRequire(import.meta.url).resolve('wrangler');
const cwd = fileURLToPath(new URL('..', import.meta.url));
const env = { CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1' };
const adminToken = crypto.randomUUID() + crypto.randomUUID();
const unavailable = await whyNoPostgres();

// A fresh database, migrated by the deploy step's own command before the Worker starts.
let database: TestDatabase | undefined;
beforeAll(async () => {
  // What `pnpm start` copies first: the /docs files that static assets serve.
  writeDocsAssets(join(cwd, '.assets'));
  if (unavailable) return;
  database = await createTestDatabase('hyperdrive_e2e');
  execFileSync(process.execPath, ['scripts/migrate.ts'], { cwd, env: { ...process.env, DATABASE_URL: database.url } });
});
afterAll(() => database?.drop());

/** wrangler dev's Hyperdrive wants a password in the URL; with trust authentication any will do. */
const withPassword = (url: string) => {
  const parsed = new URL(url);
  parsed.password ||= 'unused';
  return parsed.href;
};

describeEntryPoint({
  adapter: 'hyperdrive',
  runtime: 'wrangler dev',
  adminToken,
  unavailable,
  // The D1 Worker's run checks /docs in a browser; the page does not depend on the database.
  browser: false,
  start: async () =>
    startServer({
      command: process.execPath,
      args: [wrangler, 'dev', '--ip', '127.0.0.1', '--port', String(await freePort()), '--var', `ADMIN_TOKEN:${adminToken}`],
      cwd,
      // How wrangler dev points the Hyperdrive binding at a local database: straight, no pooling, no cache.
      env: { ...env, CLOUDFLARE_HYPERDRIVE_LOCAL_CONNECTION_STRING_HYPERDRIVE: withPassword(database!.url) },
      ready: (line) => /Ready on (http:\/\/\S+)/.exec(line)?.[1],
    }),
  unsupported: {
    'graceful-shutdown':
      'wrangler dev owns the process; on Cloudflare, workerd drains requests itself and a Worker has no shutdown step',
  },
});
