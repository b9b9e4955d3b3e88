import { desc, eq } from 'drizzle-orm';
import type { SqliteDb } from '../database.ts';
import { posts } from '../schema/sqlite.ts';
import type { PostInput } from './schema.ts';

export type Post = typeof posts.$inferSelect;

export const listPosts = (db: SqliteDb, limit: number): Promise<Post[]> =>
  db.select().from(posts).orderBy(desc(posts.createdAt), desc(posts.id)).limit(limit);

export const findPost = async (db: SqliteDb, id: number): Promise<Post | undefined> =>
  (await db.select().from(posts).where(eq(posts.id, id)))[0];

export async function createPost(db: SqliteDb, input: PostInput): Promise<Post> {
  const now = new Date();
  const [created] = await db
    .insert(posts)
    .values({ ...input, createdAt: now, updatedAt: now })
    .returning();
  if (!created) throw new Error('INSERT … RETURNING returned no row');
  return created;
}

/** Replaces every client-owned field; undefined when there is no such post. */
export const replacePost = async (db: SqliteDb, id: number, input: PostInput): Promise<Post | undefined> =>
  (await db.update(posts).set(input).where(eq(posts.id, id)).returning())[0];

/** True when a post was deleted. */
export const deletePost = async (db: SqliteDb, id: number): Promise<boolean> =>
  (await db.delete(posts).where(eq(posts.id, id)).returning({ id: posts.id })).length > 0;
