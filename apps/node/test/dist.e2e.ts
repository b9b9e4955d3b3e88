import { matrix } from '@anywhere/contract';
import { runStopRestart } from '@anywhere/contract/artifact';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect } from 'vitest';

// The Node app as it ships: the README's build, its dist/ copied to a bare
// folder, production dependencies installed there and nothing else.
const app = fileURLToPath(new URL('..', import.meta.url));
const deployed = mkdtempSync(join(tmpdir(), 'anywhere-node-dist-'));
const adminToken = crypto.randomUUID() + crypto.randomUUID();

beforeAll(() => {
  execFileSync(process.execPath, ['scripts/build.ts'], { cwd: app, stdio: 'ignore' });
  cpSync(join(app, 'dist'), deployed, { recursive: true });
  execFileSync('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: deployed, stdio: 'ignore' });
}, 180_000);

describe('Node distribution', () => {
  const { test } = matrix({ adapter: 'node' });

  test('dist/, with production dependencies only, serves, stops on SIGTERM intact and serves the same data again', async () => {
    // The bundle carries the framework, ORM and validation; only native or file-bearing packages are installed.
    expect(readdirSync(join(deployed, 'node_modules'))).toEqual(expect.arrayContaining(['better-sqlite3', '@electric-sql', 'pg']));
    for (const bundled of ['hono', 'drizzle-orm', 'zod', '@anywhere', '@hono']) expect(existsSync(join(deployed, 'node_modules', bundled))).toBe(false);

    const integrity = async () => {
      const database = new DatabaseSync(join(deployed, 'data/anywhere.db'), { readOnly: true });
      try {
        return String((database.prepare('pragma integrity_check').get() as { integrity_check: string }).integrity_check);
      } finally {
        database.close();
      }
    };
    const [first, second] = await runStopRestart({
      command: process.execPath,
      args: ['app/main.js'],
      cwd: deployed,
      // Only the Node binary's own folder on PATH: nothing from the workspace.
      env: { PATH: `${dirname(process.execPath)}:/usr/bin:/bin`, ADMIN_TOKEN: adminToken, PORT: '0' },
      adminToken,
      integrity,
    });
    console.log(`node dist/app/main.js: first start ${Math.round(first!.firstResponseMs)} ms to a 200 (creating its database), restart ${Math.round(second!.firstResponseMs)} ms`);
  });
});
