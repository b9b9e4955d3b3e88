import { createGroupCommit, type GroupCommitOptions, type SyncConnection } from '@anywhere/core/group-commit';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect } from 'vitest';
import { matrix } from './matrix.ts';

/** What these tests use of a synchronous driver's client: bun:sqlite's and better-sqlite3's alike. */
export interface TestClient extends SyncConnection {
  prepare(sql: string): { run(...params: unknown[]): unknown; get(...params: unknown[]): unknown };
  exec(sql: string): unknown;
  close(): unknown;
}

/**
 * How many transactions the WAL holds: a frame whose header records the
 * database size after it marks a commit (https://www.sqlite.org/fileformat.html#wal_file_format).
 * Read from the file itself, so it counts what SQLite wrote, not what the code under test claims.
 */
export function commitsInWal(path: string): number {
  let wal: Uint8Array;
  try {
    wal = readFileSync(`${path}-wal`);
  } catch {
    return 0;
  }
  if (wal.length < 32) return 0;
  const view = new DataView(wal.buffer, wal.byteOffset, wal.byteLength);
  const frame = 24 + view.getUint32(8);
  const salts = [view.getUint32(16), view.getUint32(20)];
  let commits = 0;
  for (let offset = 32; offset + frame <= wal.length; offset += frame) {
    // Frames left from before a WAL reset carry older salts: the log ends at the first of them.
    if (view.getUint32(offset + 8) !== salts[0] || view.getUint32(offset + 12) !== salts[1]) break;
    if (view.getUint32(offset + 4) !== 0) commits++;
  }
  return commits;
}

const outcome = (promise: Promise<unknown>) =>
  promise.then(
    (value) => ({ ok: true as const, value }),
    (error: Error & { code?: string }) => ({ ok: false as const, error: String(error.message) }),
  );

/**
 * SQLite files for a suite's tests: `path` names one in the test's own
 * directory, `open` opens a client on it; after each test every client is
 * closed and the directory removed.
 */
export function scratchFiles(prefix: string, openClient: (path: string) => TestClient) {
  const opened: TestClient[] = [];
  let directory: string | undefined;
  afterEach(() => {
    for (const client of opened.splice(0)) client.close();
    if (directory) rmSync(directory, { recursive: true, force: true });
    directory = undefined;
  });
  return {
    path: (file: string) => join((directory ??= mkdtempSync(join(tmpdir(), prefix))), file),
    open(path: string) {
      const client = openClient(path);
      opened.push(client);
      return client;
    },
  };
}

/**
 * Group commit (core/src/group-commit.ts) over a real SQLite file, on the
 * driver `openClient` makes a client of: writes share one transaction, a failing
 * write undoes only itself, a failed COMMIT fails them all, and no write is
 * acknowledged before its COMMIT.
 */
export function describeGroupCommit(adapter: string, openClient: (path: string) => TestClient): void {
  const { test } = matrix({ adapter });
  const { path: pathOf, open } = scratchFiles(`anywhere-group-commit-${adapter}-`, openClient);

  /** A fresh file with a table to write, a writer with group commit on it, and a second connection to look from. */
  function setUp(options: Partial<GroupCommitOptions> = {}) {
    const path = pathOf('group.db');
    const writer = open(path);
    writer.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 200');
    // No checkpoint may empty the WAL while a test counts its commits.
    writer.exec('PRAGMA wal_autocheckpoint = 0');
    writer.exec(`create table notes (id integer primary key, body text not null unique);
      create table parents (id integer primary key);
      create table children (id integer primary key, parent_id integer not null references parents (id) deferrable initially deferred)`);
    const observer = open(path);
    const group = createGroupCommit(writer, { nextTurn: setImmediate, ...options });
    const insert = writer.prepare('insert into notes (body) values (?)');
    const note = (body: string) => group.run(() => insert.run(body));
    const count = () => (observer.prepare('select count(*) as n from notes').get() as { n: number }).n;
    return { path, writer, observer, group, note, count, commits: () => commitsInWal(path) };
  }

  describe('group commit', () => {
    test('writes sent in the same turn commit in one transaction', async () => {
      const { note, count, commits } = setUp();
      const before = commits();
      const results = await Promise.all(Array.from({ length: 50 }, (_, i) => outcome(note(`note ${i}`))));
      expect(results.every((result) => result.ok)).toBe(true);
      expect(count()).toBe(50);
      expect(commits() - before).toBe(1);
    });

    test('writes awaited one after another commit one by one', async () => {
      const { note, count, commits } = setUp();
      const before = commits();
      for (let i = 0; i < 5; i++) await note(`alone ${i}`);
      expect(count()).toBe(5);
      expect(commits() - before).toBe(5);
    });

    test('a group is committed at once when it reaches maxSize', async () => {
      const { note, count, commits } = setUp({ maxSize: 4 });
      const before = commits();
      await Promise.all(Array.from({ length: 10 }, (_, i) => note(`capped ${i}`)));
      expect(count()).toBe(10);
      expect(commits() - before).toBe(3); // 4, 4 and 2
    });

    test('a failing write rolls back only its own statements; the others in its group commit', async () => {
      const { writer, group, note, count, commits, observer } = setUp();
      const before = commits();
      const insert = writer.prepare('insert into notes (body) values (?)');
      const results = await Promise.all([
        outcome(note('first')),
        // Two statements, the second refused: the first must not stay.
        outcome(group.run(() => (insert.run('half written'), insert.run('first')))),
        outcome(note('last')),
      ]);
      expect(results.map((result) => result.ok)).toEqual([true, false, true]);
      expect(results[1]).toMatchObject({ error: expect.stringMatching(/UNIQUE constraint failed/) });
      expect(count()).toBe(2);
      expect(observer.prepare('select count(*) as n from notes where body = ?').get('half written')).toEqual({ n: 0 });
      expect(commits() - before).toBe(1);
    });

    test('a failed COMMIT fails every write of its group, and the next group starts clean', async () => {
      const { writer, group, note, count, commits } = setUp();
      const before = commits();
      // A deferred foreign key is checked at COMMIT, so COMMIT itself is refused.
      const orphan = writer.prepare('insert into children (parent_id) values (?)');
      const results = await Promise.all([outcome(note('a')), outcome(group.run(() => orphan.run(999))), outcome(note('b'))]);
      expect(results).toEqual(Array.from({ length: 3 }, () => ({ ok: false, error: expect.stringMatching(/FOREIGN KEY constraint failed/) })));
      expect(count()).toBe(0);
      expect(writer.inTransaction).toBe(false);
      expect(commits() - before).toBe(0);

      await note('after');
      expect(count()).toBe(1);
    });

    test('when BEGIN cannot take the write lock, every write of the group fails and none is applied', async () => {
      const { observer, note, count } = setUp();
      observer.exec('BEGIN IMMEDIATE'); // another connection holds the lock past the writer's busy_timeout
      const results = await Promise.all([outcome(note('x')), outcome(note('y'))]);
      observer.exec('ROLLBACK');
      expect(results).toEqual(Array.from({ length: 2 }, () => ({ ok: false, error: expect.stringMatching(/locked|busy/i) })));
      expect(count()).toBe(0);
      await note('z');
      expect(count()).toBe(1);
    });

    test('no write is acknowledged before the COMMIT that holds it: another connection sees it by then', async () => {
      const { note, count, observer } = setUp();
      const seen = observer.prepare('select count(*) as n from notes where body = ?');
      let settled = 0;
      const writes = Array.from({ length: 20 }, (_, i) =>
        note(`seen ${i}`).then(() => {
          settled++;
          return (seen.get(`seen ${i}`) as { n: number }).n;
        }),
      );
      // Microtasks run, the turn has not ended: nothing is committed, so nothing may be answered.
      for (let i = 0; i < 10; i++) await Promise.resolve();
      expect(settled).toBe(0);
      expect(count()).toBe(0);
      expect(await Promise.all(writes)).toEqual(Array(20).fill(1));
    });

    test('with gatherTurns, a group waits while each turn brings more writes, then commits them once', async () => {
      const { note, count, commits } = setUp({ gatherTurns: 3 });
      const before = commits();
      // Queued before the group's own turn, as a socket's requests are read before it: a write arrives
      // in each of the next two turns, then none.
      const later = new Promise<unknown>((resolve) => setImmediate(() => resolve(Promise.all([note('turn 1'), new Promise((next) => setImmediate(() => next(note('turn 2'))))]))));
      await Promise.all([note('turn 0'), later]);
      expect(count()).toBe(3);
      expect(commits() - before).toBe(1);
    });

    test('with gatherTurns, a lone write waits for no later turn, and a steady stream is cut at gatherTurns', async () => {
      const { note, count, commits } = setUp({ gatherTurns: 2 });
      const before = commits();
      for (let i = 0; i < 3; i++) await note(`alone ${i}`);
      expect(commits() - before).toBe(3);
      // A write in each of twelve turns, each read before the group looks: without the bound they would
      // wait for one another to the end. With it a group takes its first turn and two more: 4, 4 and 4.
      const stream: Promise<unknown>[] = [];
      const write = (turn: number) => {
        if (turn < 11) setImmediate(() => write(turn + 1));
        stream.push(note(`stream ${turn}`));
      };
      write(0);
      while (stream.length < 12) await new Promise((next) => setImmediate(next));
      await Promise.all(stream);
      expect(count()).toBe(15);
      expect(commits() - before - 3).toBe(3);
    });

    test('flush commits the waiting group at once, before the connection closes', async () => {
      const { group, note, count } = setUp();
      const writes = Promise.all([note('closing 1'), note('closing 2')]);
      group.flush();
      expect(count()).toBe(2);
      await writes;
    });
  });
}
