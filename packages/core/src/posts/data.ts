import { and, count, desc, eq, exists, getTableColumns, inArray, or, sql } from 'drizzle-orm';
import type { BatchResponse } from 'drizzle-orm/batch';
import { randomBase64Url } from '../crypto.ts';
import type { AtomicStatements, Database, Db, Schema } from '../database.ts';
import type { MaybePromise } from '../http/route.ts';
import { perDatabase, preparedRows, preparedWrite } from '../prepared.ts';
import { writeAll } from '../writes.ts';
import type { Position } from './cursor.ts';
import type { PostFields } from './schema.ts';

export type PostRow = Schema['posts']['$inferSelect'];
export interface PostRecord extends PostRow {
  tags: string[];
}

export interface ListOptions {
  /** The calling author, who also sees their own drafts. */
  viewerId: number | undefined;
  authorId?: number | undefined;
  tag?: string | undefined;
  status?: PostRow['status'] | undefined;
  after?: Position | undefined;
  limit: number;
}

const newEtag = () => randomBase64Url(16);

/** A post's tags, sorted, as a column of the post's own row: one query reads both. */
function tagsOf({ dialect, schema: { posts, postTags } }: Database) {
  const tags =
    dialect === 'postgres'
      ? sql`coalesce((select json_agg(${postTags.tag} order by ${postTags.tag}) from ${postTags} where ${postTags.postId} = ${posts.id}), '[]'::json)`
      : sql`(select json_group_array(tag) from (select ${postTags.tag} as tag from ${postTags} where ${postTags.postId} = ${posts.id} order by ${postTags.tag}))`;
  // SQLite returns the array as JSON text; Postgres's driver has parsed it already.
  return tags.mapWith((value: unknown) => (typeof value === 'string' ? (JSON.parse(value) as string[]) : (value as string[])));
}

const record = (database: Database) => ({ ...getTableColumns(database.schema.posts), tags: tagsOf(database) });

const byId = perDatabase((database) => {
  const { db, schema: { posts } } = database;
  const selection = record(database);
  return preparedRows<PostRecord>(database, db.select(selection).from(posts).where(eq(posts.id, sql.placeholder('id'))), 'post_by_id', selection);
});

/** Synchronous on a synchronous driver: the GET that reads it can answer in one go. */
export function findPost(database: Database, id: number): MaybePromise<PostRecord | undefined> {
  const rows = byId(database)({ id });
  return rows instanceof Promise ? rows.then(([post]) => post) : rows[0];
}

/** The prepared page query for one combination of filters, made on first use. */
const pages = perDatabase((database) => {
  const { db, schema: { posts, postTags } } = database;
  const made = new Map<string, ReturnType<typeof build>>();
  const selection = record(database);
  const build = (filters: { viewer: boolean; author: boolean; tag: boolean; status: boolean; after: boolean }) =>
    preparedRows<PostRecord>(
      database,
      db
        .select(selection)
        .from(posts)
        .where(
          and(
            filters.viewer
              ? or(eq(posts.status, 'published'), eq(posts.authorId, sql.placeholder('viewer')))
              : eq(posts.status, 'published'),
            filters.author ? eq(posts.authorId, sql.placeholder('authorId')) : undefined,
            filters.status ? eq(posts.status, sql.placeholder('status')) : undefined,
            filters.tag
              ? exists(db.select({ one: sql`1` }).from(postTags).where(and(eq(postTags.postId, posts.id), eq(postTags.tag, sql.placeholder('tag')))))
              : undefined,
            // A row-value comparison, which both dialects answer with one range read of the
            // (created_at, id) index; the equivalent OR walks the index from the top, so a
            // deep page would cost more than the first (measured: ten times at 5,000 posts).
            filters.after
              ? sql`(${posts.createdAt}, ${posts.id}) < (${sql.param(sql.placeholder('afterCreatedAt'), posts.createdAt)}, ${sql.placeholder('afterId')})`
              : undefined,
          ),
        )
        .orderBy(desc(posts.createdAt), desc(posts.id))
        .limit(sql.placeholder('limit')),
      `posts_page_${Object.values(filters).map(Number).join('')}`,
      selection,
    );
  return (filters: Parameters<typeof build>[0]) => {
    const key = Object.values(filters).map(Number).join('');
    let query = made.get(key);
    if (!query) made.set(key, (query = build(filters)));
    return query;
  };
});

/** One page, newest first, by keyset on (createdAt, id): inserts elsewhere never shift it. */
export function listPosts(database: Database, options: ListOptions): MaybePromise<{ items: PostRecord[]; more: boolean }> {
  const { viewerId, authorId, tag, status, after, limit } = options;
  const query = pages(database)({
    viewer: viewerId !== undefined,
    author: authorId !== undefined,
    tag: tag !== undefined,
    status: status !== undefined,
    after: after !== undefined,
  });
  const rows = query({
    viewer: viewerId,
    authorId,
    tag,
    status,
    afterCreatedAt: after && new Date(after.createdAt),
    afterId: after?.id,
    limit: limit + 1,
  });
  const page = (found: PostRecord[]) => ({ items: found.slice(0, limit), more: found.length > limit });
  return rows instanceof Promise ? rows.then(page) : page(rows);
}

/** A post's own row, from the fields of a write. */
interface RowValues {
  title: string;
  body: string;
  status: PostRow['status'];
  etag: string;
  at: Date;
}

const insertPost = preparedWrite(({ db, schema: { posts } }, post: RowValues & { authorId: number }) =>
  db
    .insert(posts)
    .values({ title: post.title, body: post.body, status: post.status, authorId: post.authorId, etag: post.etag, createdAt: post.at, updatedAt: post.at })
    .returning(),
);

/**
 * One statement for all of a post's tags, finding the post by the etag this
 * write gave it: when the post's own statement wrote nothing, this writes
 * nothing either. The list travels as one JSON parameter, which each dialect
 * unpacks its own way.
 */
const insertTags = preparedWrite(({ db, dialect, schema: { posts, postTags } }, { etag, tags }: { etag: string; tags: string }) => {
  const unpacked =
    dialect === 'postgres'
      ? sql`select ${posts.id}, tag from ${posts}, json_array_elements_text(${tags}::json) as tag where ${posts.etag} = ${etag}`
      : sql`select ${posts.id}, value from ${posts}, json_each(${tags}) where ${posts.etag} = ${etag}`;
  return db.insert(postTags).select(unpacked);
});

/** Writes the row only if it is still the version `current` names. */
const updateRow = preparedWrite(({ db, schema: { posts } }, post: RowValues & { id: number; current: string }) =>
  db
    .update(posts)
    .set({ title: post.title, body: post.body, status: post.status, etag: post.etag, updatedAt: post.at })
    .where(and(eq(posts.id, post.id), eq(posts.etag, post.current)))
    .returning(),
);

/** Drops the tags of the post this write gave `etag`: none when its row was not written. */
const clearTags = preparedWrite(({ db, schema: { posts, postTags } }, { etag }: { etag: string }) =>
  db.delete(postTags).where(inArray(postTags.postId, db.select({ id: posts.id }).from(posts).where(eq(posts.etag, etag)))),
);

export async function createPost(database: Database, authorId: number, fields: PostFields): Promise<PostRecord> {
  const { title, body, status, tags } = fields;
  const etag = newEtag();
  const [[row]] = await database.atomically((db) => [
    insertPost(database, db, { title, body, status, authorId, etag, at: new Date() }),
    insertTags(database, db, { etag, tags: JSON.stringify(tags) }),
  ]);
  if (!row) throw new Error('INSERT … RETURNING returned no post');
  return { ...row, tags };
}

/**
 * A write to one post, planned from the version that was read: its
 * statements write only if the post is still that version, and `answer`
 * reads their results (undefined when the post had changed, so nothing was
 * written). See writeOwnPost (./access.ts), which runs it.
 */
export interface PostWrite<T> {
  statements(db: Db): AtomicStatements;
  answer(results: readonly unknown[]): T | undefined;
}

/** Keeps the statements' result types for `answer`: it only ever gets the results of those statements. */
const postWrite = <S extends AtomicStatements, T>(statements: (db: Db) => S, answer: (results: BatchResponse<S>) => T | undefined): PostWrite<T> => ({
  statements,
  answer: answer as PostWrite<T>['answer'],
});

const sameTags = (a: string[], b: string[]) => a.length === b.length && a.every((tag, i) => tag === b[i]);

/** `fields` written over `current`, if it is still the post's version. */
export function postUpdate(database: Database, current: PostRecord, fields: PostFields): PostWrite<PostRecord> {
  const { title, body, status, tags } = fields;
  const etag = newEtag();
  // Both lists are sorted and without duplicates: unchanged tags need no writes.
  const retag = !sameTags(tags, current.tags);
  return postWrite(
    (db) => {
      const post = updateRow(database, db, { id: current.id, current: current.etag, title, body, status, etag, at: new Date() });
      if (!retag) return [post] as const;
      return [post, clearTags(database, db, { etag }), insertTags(database, db, { etag, tags: JSON.stringify(tags) })] as const;
    },
    ([[row]]) => row && { ...row, tags },
  );
}

/** `current` deleted (its tags go with it), if it is still the post's version. */
export function postDeletion({ schema: { posts } }: Database, current: PostRecord): PostWrite<true> {
  return postWrite(
    (db) => [db.delete(posts).where(and(eq(posts.id, current.id), eq(posts.etag, current.etag))).returning({ id: posts.id })] as const,
    ([deleted]) => (deleted.length > 0 ? true : undefined),
  );
}

/** Writes `fields` over `current`, unless the post changed since it was read: then undefined. */
export async function updatePost(database: Database, current: PostRecord, fields: PostFields): Promise<PostRecord | undefined> {
  const update = postUpdate(database, current, fields);
  return update.answer(await writeAll(database, update.statements));
}

/** Tags of published posts, most used first. */
export const listTags = ({ db, schema: { posts, postTags } }: Database, limit: number): Promise<{ name: string; posts: number }[]> =>
  db
    .select({ name: postTags.tag, posts: count() })
    .from(postTags)
    .innerJoin(posts, eq(posts.id, postTags.postId))
    .where(eq(posts.status, 'published'))
    .groupBy(postTags.tag)
    .orderBy(desc(count()), postTags.tag)
    .limit(limit);
