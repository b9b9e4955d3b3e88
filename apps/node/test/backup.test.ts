import { matrix } from '@anywhere/contract';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect } from 'vitest';
import { createBetterSqliteAdapter } from '../src/database.ts';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../', import.meta.url));
const directory = mkdtempSync(join(tmpdir(), 'anywhere-backup-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** `pnpm db:backup` with this DATABASE_URL; resolves with its exit code and output. */
const backup = (databaseUrl: string, ...args: string[]) =>
  run(process.execPath, ['apps/node/src/backup.ts', ...args], { cwd: root, env: { ...process.env, DATABASE_URL: databaseUrl } }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );

describe('pnpm db:backup on Postgres', () => {
  const { test } = matrix({ adapter: 'postgres' });
  test('pnpm db:backup on a PostgreSQL URL says to use pg_dump and pg_restore, and touches nothing', async () => {
    const { code, stderr } = await backup('postgres://app:secret@127.0.0.1:1/anywhere', join(directory, 'pg.dump'));
    expect(code).toBe(2);
    expect(stderr).toMatch(/pg_dump --format=custom/);
    expect(stderr).toMatch(/pg_restore/);
    expect(stderr).not.toContain('secret');
  });
});

describe('pnpm db:backup on PGlite', () => {
  const { test } = matrix({ adapter: 'pglite' });
  test('pnpm db:backup on a PGlite directory says to stop the API and copy the directory', async () => {
    const { code, stderr } = await backup(`pglite:${join(directory, 'pg')}`, join(directory, 'pg-copy'));
    expect(code).toBe(2);
    expect(stderr).toMatch(/Stop the API, copy the directory/);
  });
});

describe('pnpm db:backup on SQLite', () => {
  const { test } = matrix({ adapter: 'node' });
  test('pnpm db:backup refuses to write over the live database, and a missing one', async () => {
    const live = join(directory, 'live.db');
    const adapter = createBetterSqliteAdapter(live);
    await adapter.migrate(undefined);
    await adapter.close();
    expect(await backup(`file:${live}`, live)).toMatchObject({ code: 2, stderr: expect.stringContaining('the live database itself') });
    expect(await backup(`file:${join(directory, 'absent.db')}`, join(directory, 'copy.db'))).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('No SQLite database'),
    });
    expect(await backup(`file:${live}`)).toMatchObject({ code: 2, stderr: expect.stringContaining('Usage: pnpm db:backup') });
  });

  test('pnpm db:backup replaces an older snapshot only with a checked one, and leaves no partial file', async () => {
    const live = join(directory, 'replace.db');
    const adapter = createBetterSqliteAdapter(live);
    await adapter.migrate(undefined);
    await adapter.close();
    const target = join(directory, 'snapshots', 'replace.db');
    expect(await backup(`file:${live}`, target)).toMatchObject({ code: 0 });
    const first = readFileSync(target);
    // A file that is not a database cannot be snapshotted: the older snapshot stays as it was.
    writeFileSync(join(directory, 'not-a-database.db'), 'not SQLite');
    const failed = await backup(`file:${join(directory, 'not-a-database.db')}`, target);
    expect(failed).toMatchObject({ code: 1, stderr: expect.stringContaining(`${target} is unchanged`) });
    expect(readFileSync(target).equals(first)).toBe(true);
    const second = await backup(`file:${live}`, target);
    expect(JSON.parse(second.stdout)).toMatchObject({ event: 'backup', path: target, posts: 0, authors: 0, integrity: 'ok' });
    expect(readdirSync(join(directory, 'snapshots'))).toEqual(['replace.db']);
  });
});
