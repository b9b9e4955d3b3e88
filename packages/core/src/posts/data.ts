import { and, count, desc, eq, exists, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { randomBase64Url } from '../crypto.ts';
import type { Database, Db, Schema } from '../database.ts';
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

async function withTags({ db, schema: { postTags } }: Database, rows: PostRow[]): Promise<PostRecord[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const tagRows = await db.select().from(postTags).where(inArray(postTags.postId, ids)).orderBy(postTags.tag);
  const byPost = Map.groupBy(tagRows, (row) => row.postId);
  return rows.map((row) => ({ ...row, tags: (byPost.get(row.id) ?? []).map(({ tag }) => tag) }));
}

export async function findPost(database: Database, id: number): Promise<PostRecord | undefined> {
  const { db, schema: { posts } } = database;
  const [post] = await withTags(database, await db.select().from(posts).where(eq(posts.id, id)));
  return post;
}

/** One page, newest first, by keyset on (createdAt, id): inserts elsewhere never shift it. */
export async function listPosts(database: Database, options: ListOptions): Promise<{ items: PostRecord[]; more: boolean }> {
  const { db, schema: { posts, postTags } } = database;
  const { viewerId, authorId, tag, status, after, limit } = options;
  const conditions: (SQL | undefined)[] = [
    viewerId === undefined ? eq(posts.status, 'published') : or(eq(posts.status, 'published'), eq(posts.authorId, viewerId)),
    authorId === undefined ? undefined : eq(posts.authorId, authorId),
    status === undefined ? undefined : eq(posts.status, status),
    tag === undefined
      ? undefined
      : exists(db.select({ one: sql`1` }).from(postTags).where(and(eq(postTags.postId, posts.id), eq(postTags.tag, tag)))),
    after === undefined
      ? undefined
      : or(
          lt(posts.createdAt, new Date(after.createdAt)),
          and(eq(posts.createdAt, new Date(after.createdAt)), lt(posts.id, after.id)),
        ),
  ];
  const rows = await db
    .select()
    .from(posts)
    .where(and(...conditions))
    .orderBy(desc(posts.createdAt), desc(posts.id))
    .limit(limit + 1);
  return { items: await withTags(database, rows.slice(0, limit)), more: rows.length > limit };
}

/**
 * One statement per tag that finds its post by the etag this write gave it:
 * when the post's own statement wrote nothing, these write nothing either.
 */
const tagStatements = (db: Db, { posts, postTags }: Schema, etag: string, tags: string[]) =>
  tags.map((tag) =>
    db.insert(postTags).select(
      db
        .select({ postId: posts.id, tag: sql<string>`${sql.param(tag, postTags.tag)}`.as('tag') })
        .from(posts)
        .where(eq(posts.etag, etag)),
    ),
  );

export async function createPost({ atomically, schema }: Database, authorId: number, fields: PostFields): Promise<PostRecord> {
  const { tags, ...columns } = fields;
  const now = new Date();
  const etag = newEtag();
  const [[row]] = await atomically((db) => [
    db
      .insert(schema.posts)
      .values({ ...columns, authorId, etag, createdAt: now, updatedAt: now })
      .returning(),
    ...tagStatements(db, schema, etag, tags),
  ]);
  if (!row) throw new Error('INSERT … RETURNING returned no post');
  return { ...row, tags };
}

/** Writes `fields` over `current`, unless the post changed since it was read: then undefined. */
export async function updatePost(
  { atomically, schema }: Database,
  current: PostRecord,
  fields: PostFields,
): Promise<PostRecord | undefined> {
  const { posts, postTags } = schema;
  const { tags, ...columns } = fields;
  const etag = newEtag();
  const [[row]] = await atomically((db) => [
    db
      .update(posts)
      .set({ ...columns, etag, updatedAt: new Date() })
      .where(and(eq(posts.id, current.id), eq(posts.etag, current.etag)))
      .returning(),
    db.delete(postTags).where(inArray(postTags.postId, db.select({ id: posts.id }).from(posts).where(eq(posts.etag, etag)))),
    ...tagStatements(db, schema, etag, tags),
  ]);
  return row && { ...row, tags };
}

/** Deletes `current` (its tags go with it), unless it changed since it was read: then false. */
export async function deletePost({ db, schema: { posts } }: Database, current: PostRecord): Promise<boolean> {
  const deleted = await db
    .delete(posts)
    .where(and(eq(posts.id, current.id), eq(posts.etag, current.etag)))
    .returning({ id: posts.id });
  return deleted.length > 0;
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
