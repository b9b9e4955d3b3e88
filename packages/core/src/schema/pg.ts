import { sql } from 'drizzle-orm';
import { bigint, check, index, pgEnum, pgTable, primaryKey, text, timestamp as pgTimestamp } from 'drizzle-orm/pg-core';
import { postStatuses } from './sqlite.ts';

// The Postgres twin of ./sqlite.ts: the same tables, columns, indexes and
// checks, so both infer the same rows (checked by ./parity.ts at compile
// time, and against each migrated database by the adapter contract).

/** timestamptz(3): a point in time, to the millisecond, as JavaScript holds it. */
const timestamp = (name: string) => pgTimestamp(name, { withTimezone: true, precision: 3, mode: 'date' });
const createdAt = () => timestamp('created_at').notNull().$defaultFn(() => new Date());

// Identity, not serial: the database alone hands out ids, and never one twice.
const id = () => bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity();
const reference = (name: string) => bigint(name, { mode: 'number' });

export const postStatus = pgEnum('post_status', postStatuses);

export const authors = pgTable(
  'authors',
  {
    id: id(),
    name: text('name').notNull(),
    email: text('email').notNull().unique(),
    createdAt: createdAt(),
  },
  (table) => [check('authors_name_length', sql`length(${table.name}) between 1 and 100`)],
);

export const tokens = pgTable(
  'tokens',
  {
    selector: text('selector').primaryKey(),
    authorId: reference('author_id')
      .notNull()
      .references(() => authors.id, { onDelete: 'cascade' }),
    verifierHash: text('verifier_hash').notNull(),
    createdAt: createdAt(),
    revokedAt: timestamp('revoked_at'),
  },
  // An author's tokens go when the author does.
  (table) => [index('tokens_author_id_idx').on(table.authorId)],
);

export const posts = pgTable(
  'posts',
  {
    id: id(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    status: postStatus('status').notNull(),
    authorId: reference('author_id')
      .notNull()
      .references(() => authors.id, { onDelete: 'cascade' }),
    etag: text('etag').notNull().unique(),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (table) => [
    index('posts_created_at_id_idx').on(table.createdAt, table.id),
    index('posts_author_created_at_id_idx').on(table.authorId, table.createdAt, table.id),
    check('posts_title_length', sql`length(${table.title}) between 1 and 200`),
    check('posts_body_not_empty', sql`length(trim(${table.body})) > 0`),
  ],
);

export const postTags = pgTable(
  'post_tags',
  {
    postId: reference('post_id')
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    tag: text('tag').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.postId, table.tag] }),
    index('post_tags_tag_post_id_idx').on(table.tag, table.postId),
    check('post_tags_tag_format', sql`${table.tag} ~ '^[a-z0-9][a-z0-9-]{0,31}$'`),
  ],
);
