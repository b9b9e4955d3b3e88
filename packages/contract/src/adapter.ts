import { createAuthor, createPost, findPost, issueToken, postUpdate, updatePost, writeOwnPost } from '@anywhere/core/data';
import { eq, getTableColumns, getTableName, sql } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import { fixtures, newPost, unique } from './fixtures.ts';
import { client } from './http.ts';
import { columnTypes, liveColumns, newestFirstPlan } from './live-schema.ts';
import { matrix } from './matrix.ts';
import type { ContractTarget } from './target.ts';

// How each dialect words the refusals these tests provoke.
const checkFailed = /CHECK constraint failed|violates check constraint/;
const uniqueFailed = /UNIQUE constraint failed|duplicate key value violates unique constraint/;

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

/** The marks appended to a body, `B.3.1.2`, sorted. */
const marks = (body: string) => body.split('.').slice(1).toSorted();

/** The adapter contract below HTTP: migrations, the all-or-nothing write, and what is stored. */
export function describeAdapterContract<Env>(target: ContractTarget<Env>): void {
  const { test, testIf } = matrix(target);
  const connect = () => target.database.connect(target.env);
  const newAuthor = () =>
    createAuthor(connect(), { name: 'Adapter', email: `${unique('adapter')}@example.com` }, issueToken());
  const titled = (title: string) => {
    const { db, schema: { posts } } = connect();
    return db.select().from(posts).where(eq(posts.title, title));
  };

  describe('database adapter', () => {
    test('migrate can run again and keeps the data', async () => {
      const author = await newAuthor();
      await target.database.migrate(target.env);
      const { db, schema: { authors } } = connect();
      expect(await db.select().from(authors).where(eq(authors.id, author.id))).toEqual([author]);
    });

    test('the migrated database has exactly the tables and columns of the schema', async () => {
      const database = connect();
      const expected = Object.fromEntries(
        [database.schema.authors, database.schema.tokens, database.schema.posts, database.schema.postTags].map((table) => [
          getTableName(table),
          Object.values(getTableColumns(table))
            .map((column) => `${column.name}${column.notNull ? ' not null' : ''}`)
            .toSorted(),
        ]),
      );
      expect(await liveColumns(database)).toEqual(expected);
    });

    test('ids come from the database, and timestamps keep the instant to the millisecond', async () => {
      const database = connect();
      const types = await columnTypes(database);
      if (database.dialect === 'postgres') {
        // Identity columns the database alone fills, and timestamptz(3).
        expect(types['posts.id']).toBe('bigint identity always');
        expect(types['authors.id']).toBe('bigint identity always');
        expect(types['posts.created_at']).toBe('timestamp with time zone');
        const { db, schema: { authors } } = database;
        const forged = db.insert(authors).values({ id: 999_999, name: 'Forged', email: `${unique('forged')}@example.com` });
        expect(await failure(forged)).toMatch(/cannot insert a non-DEFAULT value into column "id"/);
      } else {
        // INTEGER PRIMARY KEY is SQLite's rowid; timestamps are integer milliseconds since the epoch.
        expect(types['posts.id']).toBe('integer');
        expect(types['posts.created_at']).toBe('integer');
      }
      const before = Date.now();
      const author = await newAuthor();
      expect(author.createdAt).toBeInstanceOf(Date);
      expect(author.createdAt.getTime()).toBeGreaterThanOrEqual(before);
      expect(author.createdAt.getTime() % 1).toBe(0);
    });

    test('newest-first pages read the (created_at, id) index, which both dialects have', async () => {
      expect(await newestFirstPlan(connect())).toMatch(/posts_created_at_id_idx/);
    });

    test('a deep page (after a cursor) is one range read of that index: no OFFSET, no scan from the top', async () => {
      const plan = await newestFirstPlan(connect(), { deep: true });
      expect(plan).toMatch(/posts_created_at_id_idx/);
      // SQLite must SEARCH the index by the row value; Postgres must put it in the Index Cond.
      expect(plan).toMatch(connect().dialect === 'postgres' ? /Index Cond: \(ROW\(created_at, id\) < ROW/ : /SEARCH posts USING INDEX posts_created_at_id_idx \(\(?created_at(,id\))?<\(?\?/);
    });

    test('atomically applies every statement in order and returns each result', async () => {
      const { atomically, schema: { authors } } = connect();
      const author = await newAuthor();
      const email = `${unique('second')}@example.com`;
      const [inserted, updated] = await atomically((db) => [
        db.insert(authors).values({ name: 'First', email }).returning(),
        db.update(authors).set({ name: 'Second write' }).where(eq(authors.email, email)).returning(),
      ]);
      expect(inserted).toMatchObject([{ name: 'First', email }]);
      expect(updated).toMatchObject([{ name: 'Second write', email }]);
      expect(author.id).toBeLessThan(inserted[0]!.id);
    });

    test('atomically leaves nothing behind when its second statement fails', async () => {
      const { db, atomically, schema: { authors } } = connect();
      const author = await newAuthor();
      const lost = `${unique('lost')}@example.com`;
      const write = atomically((tx) => [
        tx.insert(authors).values({ name: 'Lost', email: lost }),
        // The name CHECK constraint refuses an empty name.
        tx.insert(authors).values({ name: '', email: `${unique('bad')}@example.com` }),
      ]);
      expect(await failure(write)).toMatch(checkFailed);
      expect(await db.select().from(authors).where(eq(authors.email, lost))).toEqual([]);

      const rewrite = atomically((tx) => [
        tx.update(authors).set({ name: 'Must not stick' }).where(eq(authors.id, author.id)),
        tx.insert(authors).values({ name: 'Duplicate', email: author.email }),
      ]);
      expect(await failure(rewrite)).toMatch(uniqueFailed);
      expect(await db.select().from(authors).where(eq(authors.id, author.id))).toMatchObject([{ name: 'Adapter' }]);
    });

    test('a post and its tags are written together or not at all', async () => {
      const database = connect();
      const author = await newAuthor();
      const title = unique('Atomic ');
      // A tag the database refuses, past validation: the post must not be left without it.
      const create = createPost(database, author.id, { title, body: 'B', status: 'published', tags: ['ok', 'NOT OK'] });
      expect(await failure(create)).toMatch(checkFailed);
      expect(await titled(title)).toEqual([]);

      const post = await createPost(database, author.id, { title, body: 'B', status: 'published', tags: ['kept'] });
      const update = updatePost(database, post, { title: 'Changed', body: 'B', status: 'draft', tags: ['fine', 'NOT OK'] });
      expect(await failure(update)).toMatch(checkFailed);
      expect(await findPost(database, post.id)).toEqual(post);
    });

    test('a write guarded by an old etag writes nothing, tags included', async () => {
      const database = connect();
      const author = await newAuthor();
      const post = await createPost(database, author.id, { title: unique('Guard '), body: 'B', status: 'draft', tags: ['a'] });
      const current = await updatePost(database, post, { title: 'Current', body: 'B', status: 'draft', tags: ['b'] });
      expect(current).toBeDefined();
      expect(await updatePost(database, post, { title: 'Stale', body: 'B', status: 'draft', tags: ['c'] })).toBeUndefined();
      expect(await findPost(database, post.id)).toEqual(current);
    });

    test('unconditional writes of one post begun in one turn all land, each on the version before it', async () => {
      const database = connect();
      const author = await newAuthor();
      const post = await createPost(database, author.id, { title: unique('Contended '), body: 'B', status: 'draft', tags: ['start'] });
      const owner = { database, author: { kind: 'author', authorId: author.id, tokenSelector: 'unused' }, ifMatch: undefined } as const;
      // A synchronous driver reads the post inside the write's own transaction, so no write can miss its version.
      // Elsewhere a write whose version changed starts over: each loses at most one round to each other writer,
      // so a few writers stay within its ten attempts (and D1's strict limit of 50 queries per request).
      const writers = database.synchronous ? 30 : 4;
      const written = await Promise.all(
        Array.from({ length: writers }, (_, i) =>
          writeOwnPost(owner, post.id, (current) => postUpdate(database, current, { ...current, body: `${current.body}.${i}` })),
        ),
      );
      // Every write appended its mark to the body it found: none was lost, none applied twice.
      const all = Array.from({ length: writers }, (_, i) => String(i)).toSorted();
      expect(marks((await findPost(database, post.id))!.body)).toEqual(all);
      expect(new Set(written.map((version) => version.etag)).size).toBe(writers);
    });

    test('concurrent writes neither corrupt nor deadlock: 40 posts with tags at once all land whole', async () => {
      const api = client(target.fetch);
      const author = await fixtures(api, target.adminToken).author();
      const tag = unique('burst').toLowerCase();
      const responses = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          i % 4 === 3
            ? api.get(`/posts?authorId=${author.id}`)
            : api.post('/posts', newPost({ tags: [tag, `n${i}`] }), { token: author.token }),
        ),
      );
      expect(responses.map((response) => response.status).toSorted()).toEqual([...Array(10).fill(200), ...Array(30).fill(201)]);
      const page = (await (await api.get(`/posts?authorId=${author.id}&limit=100`)).json()) as { items: { tags: string[] }[] };
      expect(page.items).toHaveLength(30);
      for (const post of page.items) expect(post.tags).toHaveLength(2);
    });

    test('tokens are stored only as a selector and the hash of their secret', async () => {
      const api = client(target.fetch);
      const author = await fixtures(api, target.adminToken).author();
      const { db, schema: { tokens } } = connect();
      const rows = await db.select().from(tokens).where(eq(tokens.authorId, author.id));
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
