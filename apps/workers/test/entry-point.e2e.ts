import { remote } from '@anywhere/contract';
import { describeBookmarks } from '@anywhere/contract/bookmarks';
import { describeEntryPoint } from '@anywhere/contract/entry-point';
import { freePort, startServer, type ServerProcess } from '@anywhere/contract/process';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe } from 'vitest';
import { writeDocsAssets } from '../../../scripts/docs-assets.ts';

// wrangler's CLI itself, not its bin wrapper, so SIGTERM reaches the process that owns workerd.
const wrangler = createRequire(import.meta.url).resolve('wrangler');
const cwd = fileURLToPath(new URL('..', import.meta.url));
const persistTo = mkdtempSync(join(tmpdir(), 'anywhere-d1-e2e-'));
const env = { CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1' };
const adminToken = crypto.randomUUID() + crypto.randomUUID();
const run = (...args: string[]) => execFileSync(process.execPath, [wrangler, ...args], { cwd, env: { ...process.env, ...env } });

beforeAll(() => {
  run('d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persistTo);
  // What `pnpm start` copies first: the /docs files that static assets serve.
  writeDocsAssets(join(cwd, '.assets'));
});
afterAll(() => rmSync(persistTo, { recursive: true, force: true }));

const start = async () =>
  startServer({
    command: process.execPath,
    // ADMIN_TOKEN as a var, as `wrangler secret put` sets it on Cloudflare; D1's limits enforced, as on Cloudflare.
    args: [wrangler, 'dev', '--ip', '127.0.0.1', '--port', String(await freePort()), '--persist-to', persistTo, '--var', `ADMIN_TOKEN:${adminToken}`, '--var', 'D1_LIMITS:strict'],
    cwd,
    env,
    ready: (line) => /Ready on (http:\/\/\S+)/.exec(line)?.[1],
  });

describeEntryPoint({
  adapter: 'd1',
  runtime: 'wrangler dev',
  adminToken,
  start,
  unsupported: {
    'graceful-shutdown':
      'wrangler dev owns the process; on Cloudflare, workerd drains requests itself and a Worker has no shutdown step',
  },
});

describe('bookmarks', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await start();
  });
  afterAll(() => server?.[Symbol.asyncDispose]());
  describeBookmarks({ adapter: 'd1', runtime: 'wrangler dev', adminToken, fetch: remote(() => server.url) });
});
