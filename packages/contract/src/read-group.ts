import { createReadGroup } from '@anywhere/core/read-group';
import { describe, expect } from 'vitest';
import { scratchFiles, type TestClient } from './group-commit.ts';
import { matrix } from './matrix.ts';

/**
 * Group read (core/src/read-group.ts) over a real SQLite file, on the driver
 * `openClient` makes a client of: the reads of one turn run on the next, in one
 * read transaction, and none of them misses a write committed before it
 * was given.
 */
export function describeReadGroup(adapter: string, openClient: (path: string) => TestClient): void {
  const { test } = matrix({ adapter });
  const { path: pathOf, open } = scratchFiles(`anywhere-read-group-${adapter}-`, openClient);

  /** A fresh file with a table, a reader with group read on it, and a second connection that writes, as another process would. */
  function setUp() {
    const path = pathOf('reads.db');
    const reader = open(path);
    reader.exec('PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 200');
    reader.exec('create table notes (id integer primary key, body text not null)');
    const writer = open(path);
    const group = createReadGroup(reader, { nextTurn: setImmediate });
    const count = reader.prepare('select count(*) as n from notes');
    const notes = () => (count.get() as { n: number }).n;
    const insert = writer.prepare('insert into notes (body) values (?)');
    return { reader, group, notes, write: (body: string) => insert.run(body) };
  }

  describe('group read', () => {
    test('reads given in one turn run on the next, together, inside one read transaction', async () => {
      const { reader, group, notes } = setUp();
      let ran = 0;
      const reads = Array.from({ length: 10 }, () => group.run(() => (ran++, { inTransaction: reader.inTransaction, notes: notes() })));
      for (let i = 0; i < 10; i++) await Promise.resolve();
      expect(ran).toBe(0);
      expect(await Promise.all(reads)).toEqual(Array.from({ length: 10 }, () => ({ inTransaction: true, notes: 0 })));
      expect(reader.inTransaction).toBe(false);
    });

    test('one snapshot for the group: a commit made while it runs is seen by none of its reads, and by the next group', async () => {
      const { group, notes, write } = setUp();
      const first = group.run(notes);
      const during = group.run(() => (write('meanwhile'), notes()));
      const last = group.run(notes);
      expect(await Promise.all([first, during, last])).toEqual([0, 0, 0]);
      expect(await group.run(notes)).toBe(1);
    });

    test('every read sees each write committed before it was given, even after others of its group were given', async () => {
      const { group, notes, write } = setUp();
      const early = group.run(notes);
      write('between');
      const late = group.run(notes);
      // A transaction opened by the first read of the turn would have shown `late` nothing.
      expect(await late).toBe(1);
      expect(await early).toBe(1);
    });

    test('a read that throws fails only its own caller', async () => {
      const { reader, group, notes, write } = setUp();
      write('one');
      const missing = reader.prepare('select body from notes where id = ?');
      const results = await Promise.allSettled([
        group.run(notes),
        group.run(() => {
          if (!missing.get(99)) throw new Error('note 99 does not exist');
        }),
        group.run(notes),
      ]);
      expect(results).toEqual([
        { status: 'fulfilled', value: 1 },
        { status: 'rejected', reason: new Error('note 99 does not exist') },
        { status: 'fulfilled', value: 1 },
      ]);
      expect(reader.inTransaction).toBe(false);
    });

    test('flush runs the waiting reads at once, before the connection closes', async () => {
      const { reader, group, notes } = setUp();
      let ran = 0;
      const reads = Promise.all([group.run(() => ++ran), group.run(() => ++ran)]);
      group.flush();
      expect(ran).toBe(2);
      expect(reader.inTransaction).toBe(false);
      expect(await reads).toEqual([1, 2]);
      expect(await group.run(notes)).toBe(0);
    });
  });
}
