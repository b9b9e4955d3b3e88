import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Milliseconds since the epoch, read and written as a Date. */
const timestamp = (name: string) => integer(name, { mode: 'timestamp_ms' }).notNull();

export const posts = sqliteTable(
  'posts',
  {
    // AUTOINCREMENT: a deleted post's id is never handed out again.
    id: integer('id').primaryKey({ autoIncrement: true }),
    title: text('title').notNull(),
    body: text('body').notNull(),
    authorId: integer('author_id').notNull(),
    createdAt: timestamp('created_at').$defaultFn(() => new Date()),
    updatedAt: timestamp('updated_at')
      .$defaultFn(() => new Date())
      .$onUpdateFn(() => new Date()),
  },
  (table) => [
    // Newest-first listing walks this index instead of sorting the table.
    index('posts_created_at_id_idx').on(table.createdAt, table.id),
    // The database refuses what validation refuses, whoever writes.
    check('posts_title_length', sql`length(${table.title}) between 1 and 200`),
    check('posts_body_not_empty', sql`length(${table.body}) > 0`),
    check('posts_author_id_positive', sql`${table.authorId} > 0`),
  ],
);
