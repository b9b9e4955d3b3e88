// In-process, no HTTP: what creating a post costs through the app's data
// layer (Drizzle, inside the adapter's all-or-nothing write) against the same
// statements prepared once and run raw in a transaction, and how much of the
// difference is Drizzle building the SQL. The bench prints it beside the
// servers' figures, to say where POST's time goes.
import type { Database } from '@anywhere/core';
import { createPost } from '@anywhere/core/data';
import type { Sqlite } from '../baselines/service.ts';

const fields = { title: 'Measured', body: 'In-process.', status: 'published' as const, tags: ['bench', 'load'] };

async function microseconds(runs: number, once: () => unknown): Promise<number> {
  for (let i = 0; i < runs / 5; i++) await once();
  const started = performance.now();
  for (let i = 0; i < runs; i++) await once();
  return ((performance.now() - started) / runs) * 1000;
}

export async function writePath(database: Database, raw: Sqlite, runs = 5000) {
  const insertPost = raw.prepare(
    'insert into posts (title, body, status, author_id, etag, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?) returning *',
  );
  const insertTags = raw.prepare('insert into post_tags (post_id, tag) select posts.id, json_each.value from posts, json_each(?) where posts.etag = ?');
  const rawCreate = raw.transaction(() => {
    const etag = crypto.randomUUID();
    const now = Date.now();
    insertPost.get(fields.title, fields.body, fields.status, 1, etag, now, now);
    insertTags.run(JSON.stringify(fields.tags), etag);
  });
  const { db, schema } = database;
  return {
    drizzleUs: await microseconds(runs, () => createPost(database, 1, fields)),
    rawUs: await microseconds(runs, () => rawCreate()),
    buildSqlUs: await microseconds(runs, () =>
      db.insert(schema.posts).values({ ...fields, authorId: 1, etag: 'x', createdAt: new Date(), updatedAt: new Date() }).returning().toSQL(),
    ),
  };
}
