import { schema } from '@anywhere/core';
import { eq, sql } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import { newPost } from './api.ts';
import { matrix } from './matrix.ts';
import type { AdapterTarget } from './target.ts';

const { posts } = schema;

/** Why `write` failed, with the driver's own words even when Drizzle wraps them; '' if it did not fail. */
async function failure(write: Promise<unknown>): Promise<string> {
  try {
    await write;
    return '';
  } catch (error) {
    const { message, cause } = error as Error & { cause?: Error };
    return [message, cause?.message].join(' ');
  }
}

/** The adapter contract below HTTP: migrations and the all-or-nothing write. */
export function describeAdapterContract<Env>(target: AdapterTarget<Env>): void {
  const { test, testIf } = matrix(target);
  const connect = () => target.database.connect(target.env);
  const titled = async (title: string) => {
    const { db } = connect();
    return db.select().from(posts).where(eq(posts.title, title));
  };

  describe('database adapter', () => {
    test('migrate can run again and keeps the data', async () => {
      const { db } = connect();
      const [post] = await db.insert(posts).values(newPost()).returning();
      await target.database.migrate(target.env);
      expect(await titled(post!.title)).toEqual([post]);
    });

    test('atomically applies every statement and returns each result', async () => {
      const { db, atomically } = connect();
      const [first, second] = [newPost(), newPost()];
      const [inserted, updated] = await atomically([
        db.insert(posts).values(first).returning(),
        db.update(posts).set({ body: 'second write' }).where(eq(posts.title, first.title)).returning(),
      ]);
      expect(inserted).toMatchObject([first]);
      expect(updated).toMatchObject([{ ...first, body: 'second write' }]);
      await atomically([db.insert(posts).values(second)]);
      expect(await titled(second.title)).toHaveLength(1);
    });

    test('atomically leaves nothing behind when its second statement fails', async () => {
      const { db, atomically } = connect();
      const kept = newPost();
      await db.insert(posts).values(kept);
      const lost = newPost();
      const write = atomically([
        db.insert(posts).values(lost),
        // The title CHECK constraint refuses an empty title.
        db.insert(posts).values(newPost({ title: '' })),
      ]);
      expect(await failure(write)).toMatch(/CHECK constraint failed/);
      expect(await titled(lost.title)).toEqual([]);

      const rewrite = atomically([
        db.update(posts).set({ body: 'must not stick' }).where(eq(posts.title, kept.title)),
        db.insert(posts).values(newPost({ authorId: -1 })),
      ]);
      expect(await failure(rewrite)).toMatch(/CHECK constraint failed/);
      expect(await titled(kept.title)).toMatchObject([{ body: kept.body }]);
    });

    testIf('file-pragmas', 'a file database runs WAL, busy_timeout 5000, synchronous NORMAL, foreign keys on', async () => {
      const { db } = connect();
      const pragma = async (name: string) => {
        const [row] = await db.values<[unknown]>(sql.raw(`PRAGMA ${name}`));
        return row?.[0];
      };
      expect(await pragma('journal_mode')).toBe('wal');
      expect(await pragma('busy_timeout')).toBe(5000);
      expect(await pragma('synchronous')).toBe(1); // NORMAL
      expect(await pragma('foreign_keys')).toBe(1);
    });
  });
}
