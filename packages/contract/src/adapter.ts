import { schema } from '@anywhere/core';
import { createAuthor, createPost, findPost, issueToken, updatePost } from '@anywhere/core/data';
import { eq, sql } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import { fixtures, unique } from './fixtures.ts';
import { client } from './http.ts';
import { matrix } from './matrix.ts';
import type { ContractTarget } from './target.ts';

const { authors, posts, tokens } = schema;

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

/** The adapter contract below HTTP: migrations, the all-or-nothing write, and what is stored. */
export function describeAdapterContract<Env>(target: ContractTarget<Env>): void {
  const { test, testIf } = matrix(target);
  const connect = () => target.database.connect(target.env);
  const newAuthor = async () =>
    createAuthor(connect(), { name: 'Adapter', email: `${unique('adapter')}@example.com` }, await issueToken());
  const titled = (title: string) => connect().db.select().from(posts).where(eq(posts.title, title));

  describe('database adapter', () => {
    test('migrate can run again and keeps the data', async () => {
      const author = await newAuthor();
      await target.database.migrate(target.env);
      expect(await connect().db.select().from(authors).where(eq(authors.id, author.id))).toEqual([author]);
    });

    test('atomically applies every statement in order and returns each result', async () => {
      const { db, atomically } = connect();
      const author = await newAuthor();
      const email = `${unique('second')}@example.com`;
      const [inserted, updated] = await atomically([
        db.insert(authors).values({ name: 'First', email }).returning(),
        db.update(authors).set({ name: 'Second write' }).where(eq(authors.email, email)).returning(),
      ]);
      expect(inserted).toMatchObject([{ name: 'First', email }]);
      expect(updated).toMatchObject([{ name: 'Second write', email }]);
      expect(author.id).toBeLessThan(inserted[0]!.id);
    });

    test('atomically leaves nothing behind when its second statement fails', async () => {
      const { db, atomically } = connect();
      const author = await newAuthor();
      const lost = `${unique('lost')}@example.com`;
      const write = atomically([
        db.insert(authors).values({ name: 'Lost', email: lost }),
        // The name CHECK constraint refuses an empty name.
        db.insert(authors).values({ name: '', email: `${unique('bad')}@example.com` }),
      ]);
      expect(await failure(write)).toMatch(/CHECK constraint failed/);
      expect(await db.select().from(authors).where(eq(authors.email, lost))).toEqual([]);

      const rewrite = atomically([
        db.update(authors).set({ name: 'Must not stick' }).where(eq(authors.id, author.id)),
        db.insert(authors).values({ name: 'Duplicate', email: author.email }),
      ]);
      expect(await failure(rewrite)).toMatch(/UNIQUE constraint failed/);
      expect(await db.select().from(authors).where(eq(authors.id, author.id))).toMatchObject([{ name: 'Adapter' }]);
    });

    test('a post and its tags are written together or not at all', async () => {
      const database = connect();
      const author = await newAuthor();
      const title = unique('Atomic ');
      // A tag the database refuses, past validation: the post must not be left without it.
      const create = createPost(database, author.id, { title, body: 'B', status: 'published', tags: ['ok', 'NOT OK'] });
      expect(await failure(create)).toMatch(/CHECK constraint failed/);
      expect(await titled(title)).toEqual([]);

      const post = await createPost(database, author.id, { title, body: 'B', status: 'published', tags: ['kept'] });
      const update = updatePost(database, post, { title: 'Changed', body: 'B', status: 'draft', tags: ['fine', 'NOT OK'] });
      expect(await failure(update)).toMatch(/CHECK constraint failed/);
      expect(await findPost(database.db, post.id)).toEqual(post);
    });

    test('a write guarded by an old etag writes nothing, tags included', async () => {
      const database = connect();
      const author = await newAuthor();
      const post = await createPost(database, author.id, { title: unique('Guard '), body: 'B', status: 'draft', tags: ['a'] });
      const current = await updatePost(database, post, { title: 'Current', body: 'B', status: 'draft', tags: ['b'] });
      expect(current).toBeDefined();
      expect(await updatePost(database, post, { title: 'Stale', body: 'B', status: 'draft', tags: ['c'] })).toBeUndefined();
      expect(await findPost(database.db, post.id)).toEqual(current);
    });

    test('tokens are stored only as a selector and the hash of their secret', async () => {
      const api = client(target.fetch);
      const author = await fixtures(api, target.adminToken).author();
      const rows = await connect().db.select().from(tokens).where(eq(tokens.authorId, author.id));
      expect(rows).toHaveLength(1);
      const [row] = rows;
      expect(row!.verifierHash).toMatch(/^[0-9a-f]{64}$/);
      expect(author.token).toContain(row!.selector);
      expect(JSON.stringify(row)).not.toContain(author.token.slice(15));
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

