import { matrix } from '@anywhere/contract';
import { runStopRestart, startArtifact } from '@anywhere/contract/artifact';
import { jsonLines } from '@anywhere/contract/reliability/server';
import { expectTimedOut, trickleChunked } from '@anywhere/contract/reliability/slow-bodies';
import { createClient } from '@anywhere/core/client';
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect } from 'vitest';

// The single executables, as users ship them: built by the README's command,
// copied alone into an empty directory, run with no node_modules in reach.
const app = fileURLToPath(new URL('..', import.meta.url));
const adminToken = crypto.randomUUID() + crypto.randomUUID();
const bare = (extra: Record<string, string> = {}) => ({ PATH: '/usr/bin:/bin', ADMIN_TOKEN: adminToken, ...extra });

beforeAll(() => void execFileSync(process.execPath, ['scripts/build-binary.ts'], { cwd: app, stdio: 'ignore' }), 120_000);

function alone(name: string) {
  const directory = mkdtempSync(join(tmpdir(), `anywhere-${name}-`));
  copyFileSync(join(app, 'dist', name), join(directory, name));
  return { directory, command: join(directory, name) };
}

const integrityOf = (file: string) => async () => {
  const database = new DatabaseSync(file, { readOnly: true });
  try {
    return String((database.prepare('pragma integrity_check').get() as { integrity_check: string }).integrity_check);
  } finally {
    database.close();
  }
};

describe('single executables', () => {
  for (const [adapter, name] of [
    ['bun', 'anywhere'],
    ['pglite', 'anywhere-pglite'],
  ] as const) {
    const { test } = matrix({ adapter });
    test(`dist/${name}, copied alone into an empty directory, serves, stops on SIGTERM intact and serves the same data again`, async () => {
      const { directory, command } = alone(name);
      const integrity = adapter === 'bun' ? { integrity: integrityOf(join(directory, 'data/anywhere.db')) } : {};
      const [first, second] = await runStopRestart({ command, cwd: directory, env: bare({ PORT: '0' }), adminToken, ...integrity });
      console.log(`dist/${name}: first start ${Math.round(first!.firstResponseMs)} ms to a 200 (creating its database), restart ${Math.round(second!.firstResponseMs)} ms`);
      // It made its data folder and nothing else.
      expect(readdirSync(directory).toSorted()).toEqual(['data', name].toSorted());
    });
  }

  describe('slow bodies', () => {
    const { test } = matrix({ adapter: 'bun' });
    test('dist/anywhere answers a chunked body trickled a byte every 200 ms with a 408 at REQUEST_TIMEOUT_MS and closes', async () => {
      const { directory, command } = alone('anywhere');
      const { server } = await startArtifact({ command, cwd: directory, env: bare({ PORT: '0', REQUEST_TIMEOUT_MS: '1000' }), adminToken });
      try {
        expectTimedOut(await trickleChunked(server.url, adminToken), 1000);
      } finally {
        await server.stop('SIGTERM');
      }
    });
  });

  // PROCESSES > 1: the executable starts itself again as each worker.
  describe('several processes', () => {
    const { test } = matrix({ adapter: 'bun' });
    test('dist/anywhere with PROCESSES=3 starts itself as 3 workers on one port, serves from more than one, and stops on SIGTERM with 0', async () => {
      const { directory, command } = alone('anywhere');
      const { server } = await startArtifact({ command, cwd: directory, env: bare({ PORT: '0', PROCESSES: '3' }), adminToken });
      // Concurrent requests open several connections, which the kernel spreads over the workers.
      const statuses = await Promise.all(Array.from({ length: 24 }, async () => (await fetch(new URL('health', server.url))).status));
      expect(statuses.every((status) => status === 200)).toBe(true);
      await sleep(300);
      const servedBy = new Set(jsonLines(server).filter((line) => line.event === 'request').map((line) => line.pid));
      expect(servedBy.size).toBeGreaterThanOrEqual(2);
      // Limits on, no Redis: each worker would count alone, and the primary says so.
      expect(jsonLines(server).some((line) => line.level === 'error' && String(line.event).includes('RATE_LIMIT_REDIS_URL'))).toBe(true);
      expect(await server.stop('SIGTERM')).toBe(0);
    });
  });

  // A desktop shell (the seed's Tauri case) starts the PGlite executable as a sidecar.
  describe('sidecar', () => {
    const { test } = matrix({ adapter: 'pglite' });
    test('dist/anywhere-pglite keeps the sidecar contract: flags, one JSON line on stdout, logs on stderr, no orphan', async () => {
      const { directory, command } = alone('anywhere-pglite');
      const dataDir = join(directory, 'app-data');
      const flags = ['--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir];
      // A stand-in for the shell: it starts the sidecar, says its pid, and is then killed without warning.
      const shell = spawn(
        process.execPath,
        ['-e', "const c = require('child_process').spawn(process.argv[1], process.argv.slice(2), { stdio: 'inherit' }); console.error(JSON.stringify({ sidecar: c.pid }));", command, ...flags],
        { cwd: directory, env: bare(), stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let stdout = '';
      let stderr = '';
      shell.stdout.on('data', (chunk) => (stdout += chunk));
      shell.stderr.on('data', (chunk) => (stderr += chunk));
      // PGlite's start (WASM, migrations) has taken over 30 s beside the rest of the test run.
      await expect.poll(() => stdout.includes('\n'), { timeout: 90_000 }).toBe(true);

      const ready = JSON.parse(stdout.split('\n')[0]!) as { event: string; url: string };
      expect(ready).toMatchObject({ event: 'listening', url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/$/) });
      const admin = createClient(ready.url, { token: adminToken });
      expect((await admin.authors.$post({ json: { name: 'Desktop', email: 'desktop@example.com' } })).status).toBe(201);
      await sleep(200);
      expect(stdout.trim().split('\n')).toHaveLength(1); // the ready line, and nothing else
      expect(stderr).toMatch(/"event":"request","method":"POST","path":"\/authors","status":201/);

      const sidecar = (JSON.parse(stderr.split('\n').find((line) => line.includes('"sidecar"'))!) as { sidecar: number }).sidecar;
      shell.kill('SIGKILL');
      const alive = () => {
        try {
          process.kill(sidecar, 0);
          return true;
        } catch {
          return false;
        }
      };
      await expect.poll(alive, { timeout: 10_000, interval: 100 }).toBe(false);

      // It stopped cleanly: the next start finds its data, and SIGTERM ends it with 0.
      const again = await startArtifact({ command, args: flags, cwd: directory, env: bare({ REQUEST_TIMEOUT_MS: '1000' }), adminToken });
      const author = await createClient(again.server.url, { token: adminToken }).authors.$post({ json: { name: 'Again', email: 'desktop@example.com' } });
      expect(author.status).toBe(409);
      // A slow client cannot hold a sidecar either.
      expectTimedOut(await trickleChunked(again.server.url, adminToken), 1000);
      expect(await again.server.stop('SIGTERM')).toBe(0);
    }, 240_000);
  });
});
