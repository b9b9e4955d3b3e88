import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Milliseconds since the epoch, read and written as a Date. */
const timestamp = (name: string) => integer(name, { mode: 'timestamp_ms' });
const createdAt = () => timestamp('created_at').notNull().$defaultFn(() => new Date());

// AUTOINCREMENT: a deleted row's id is never handed out again.
const id = () => integer('id').primaryKey({ autoIncrement: true });

export const postStatuses = ['draft', 'published'] as const;

export const authors = sqliteTable(
  'authors',
  {
    id: id(),
    name: text('name').notNull(),
    // Stored lowercased; never part of a public representation.
    email: text('email').notNull().unique(),
    createdAt: createdAt(),
  },
  (table) => [check('authors_name_length', sql`length(${table.name}) between 1 and 100`)],
);

/**
 * API tokens as selector + verifier: the selector finds the row, the
 * verifier is stored only as its SHA-256 and compared in constant time.
 */
export const tokens = sqliteTable(
  'tokens',
  {
    selector: text('selector').primaryKey(),
    authorId: integer('author_id')
      .notNull()
      .references(() => authors.id, { onDelete: 'cascade' }),
    verifierHash: text('verifier_hash').notNull(),
    createdAt: createdAt(),
    revokedAt: timestamp('revoked_at'),
  },
  // An author's tokens go when the author does.
  (table) => [index('tokens_author_id_idx').on(table.authorId)],
);

export const posts = sqliteTable(
  'posts',
  {
    id: id(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    status: text('status', { enum: postStatuses }).notNull(),
    authorId: integer('author_id')
      .notNull()
      .references(() => authors.id, { onDelete: 'cascade' }),
    /**
     * A random tag replaced on every write: the HTTP ETag, the guard of
     * optimistic concurrency, and how the statements of one atomic write
     * find the row the first one wrote.
     */
    etag: text('etag').notNull().unique(),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (table) => [
    // Keyset pages walk these instead of sorting: newest first, overall or per author.
    index('posts_created_at_id_idx').on(table.createdAt, table.id),
    index('posts_author_created_at_id_idx').on(table.authorId, table.createdAt, table.id),
    // The database refuses what validation refuses, whoever writes.
    check('posts_title_length', sql`length(${table.title}) between 1 and 200`),
    check('posts_body_not_empty', sql`length(trim(${table.body})) > 0`),
    check('posts_status_known', sql`${table.status} in ('draft', 'published')`),
  ],
);

export const postTags = sqliteTable(
  'post_tags',
  {
    postId: integer('post_id')
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    tag: text('tag').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.postId, table.tag] }),
    index('post_tags_tag_post_id_idx').on(table.tag, table.postId),
    check('post_tags_tag_format', sql`length(${table.tag}) between 1 and 32 and ${table.tag} not glob '*[^a-z0-9-]*'`),
  ],
);
