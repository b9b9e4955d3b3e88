import type { BackupReport } from '@anywhere/server/backup';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect } from 'vitest';
import type { ServerEntryPoint } from './entry-point.ts';
import { figure } from './figures.ts';
import { matrix } from './matrix.ts';
import { listeningUrl, startServer } from './process.ts';
import { allowedAt, startWriteLoad, type PostContent, type Reply } from './write-load.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const run = promisify(execFile);

/** `pnpm db:backup` as the root package.json wires it, run by this Node (which pnpm would use too). */
function backupCommand(target: string) {
  const script = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts['db:backup'];
  const [program, ...args] = script?.split(' ') ?? [];
  if (program !== 'node') throw new Error(`db:backup should be a node command, not: ${script}`);
  return { command: process.execPath, args: [...args, target] };
}

/** The slowest of these replies, in whole milliseconds. */
const slowest = (replies: readonly Reply[]) => Math.round(Math.max(...replies.map(({ ms }) => ms)));

/** Every post a server lists, by id, paging with the cursor it returns. */
async function allPosts(url: URL): Promise<Map<number, PostContent>> {
  const found = new Map<number, PostContent>();
  for (let cursor: string | null = ''; cursor !== null; ) {
    const response = await fetch(new URL(`/posts?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, url));
    expect(response.status).toBe(200);
    const page = (await response.json()) as { items: (PostContent & { id: number })[]; nextCursor: string | null };
    for (const { id, title, body, tags } of page.items) found.set(id, { title, body, tags });
    cursor = page.nextCursor;
  }
  return found;
}

/**
 * `pnpm db:backup` against a live server's SQLite file while writers keep
 * writing, then the app started on the snapshot: every post acknowledged
 * before the command started is there, as its last acknowledged version (or
 * a later one), the copy passes integrity_check, and the live server
 * answered no 5xx meanwhile.
 */
export function describeBackupRestore({ adapter, runtime, app }: Pick<ServerEntryPoint, 'adapter' | 'runtime' | 'app'>): void {
  const { test } = matrix({ adapter });
  const directory = mkdtempSync(join(tmpdir(), `anywhere-${runtime.name}-backup-`));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));
  const adminToken = crypto.randomUUID() + crypto.randomUUID();
  const start = (file: string) =>
    startServer({
      command: runtime.command,
      args: ['src/main.ts'],
      cwd: fileURLToPath(app),
      // The load is the point here, not abuse: no rate limit may refuse it.
      env: { PORT: '0', ADMIN_TOKEN: adminToken, DATABASE_URL: `file:${file}`, LOG_LEVEL: 'error', RATE_LIMIT: 'off', RATE_LIMIT_TOKEN: 'off' },
      ready: listeningUrl,
    });

  describe(`backup and restore (${runtime.name})`, () => {
    test('pnpm db:backup snapshots the live SQLite file under write load, and the app restored from it has every post committed before', async () => {
      const liveFile = join(directory, 'live', 'anywhere.db');
      await using live = await start(liveFile);
      const load = await startWriteLoad(live.url, adminToken);
      await load.created(200);

      const snapshot = join(directory, 'backups', 'anywhere.db');
      const { command, args } = backupCommand(snapshot);
      const began = Date.now();
      const backup = run(command, args, { cwd: root, env: { ...process.env, DATABASE_URL: `file:${liveFile}` } });
      const { stdout } = await backup.catch(async (error: unknown) => {
        await load.stop();
        throw error;
      });
      const ended = Date.now();
      const report = JSON.parse(stdout.trim().split('\n').at(-1)!) as BackupReport;
      await load.stop();

      // The command's own report, and an independent look at the file.
      expect(report).toMatchObject({ event: 'backup', path: snapshot, bytes: statSync(snapshot).size, integrity: 'ok' });
      const takenAt = Date.parse(report.takenAt);
      expect(takenAt).toBeGreaterThanOrEqual(began);
      expect(readdirSync(join(directory, 'backups'))).toEqual(['anywhere.db']); // no partial file left
      const copy = new DatabaseSync(snapshot, { readOnly: true });
      try {
        expect(copy.prepare('pragma integrity_check').all()).toEqual([{ integrity_check: 'ok' }]);
        expect(copy.prepare('select count(*) as posts from posts').get()).toEqual({ posts: report.posts });
      } finally {
        copy.close();
      }

      // Restore as the README says: the snapshot in the database's place, then start.
      const restoredFile = join(directory, 'restored', 'anywhere.db');
      mkdirSync(join(directory, 'restored'));
      copyFileSync(snapshot, restoredFile);
      await using restored = await start(restoredFile);
      expect(restored.url.port).not.toBe(live.url.port);
      const found = await allPosts(restored.url);

      // Every post acknowledged before the command started, and before the snapshot's own instant
      // (the report's takenAt, later), reads as its last acknowledged version or a later one.
      const committedBy = (moment: number) =>
        load.posts.flatMap((post) => {
          const allowed = allowedAt(post, moment);
          return allowed ? [{ id: post.id, allowed }] : [];
        });
      const [beforeCommand, beforeSnapshot] = [committedBy(began), committedBy(takenAt)];
      const wrong = (posts: typeof beforeSnapshot) =>
        posts.filter(({ id, allowed }) => !allowed.some((version) => JSON.stringify(version) === JSON.stringify(found.get(id))));
      expect(wrong(beforeSnapshot).map(({ id, allowed }) => ({ id, found: found.get(id) ?? 'missing', expected: allowed[0] }))).toEqual([]);
      expect(report.posts).toBeGreaterThanOrEqual(beforeSnapshot.length);

      const during = load.replies.filter(({ at }) => at >= began && at <= ended);
      expect(load.replies.filter(({ status }) => status >= 500)).toEqual([]);
      const served = during.filter(({ status }) => status >= 200 && status < 300).length;
      expect(served).toBeGreaterThan(0); // the writers were writing while it ran

      figure(
        adapter,
        `backup under write load: ${beforeCommand.length} posts committed before the command started, ` +
          `${beforeCommand.length - wrong(beforeCommand).length} found after restore; ` +
          `${beforeSnapshot.length} before the snapshot began, ${beforeSnapshot.length - wrong(beforeSnapshot).length} found`,
      );
      figure(
        adapter,
        `backup under write load: ${served} writes served during the backup, ${during.filter(({ status }) => status >= 500).length} 5xx, ` +
          `slowest ${slowest(during)} ms (before it: ${slowest(load.replies.filter(({ at }) => at < began))} ms); ` +
          `command ${ended - began} ms, snapshot ${report.durationMs} ms, ${report.bytes} bytes`,
      );
    });
  });
}
