import { createApp, loadAppConfig, schema, type Database } from '@anywhere/core';
import { databaseTarget } from '@anywhere/server';
import { matrix } from '@anywhere/contract';
import { createTestDatabase, whyNoPostgres } from '@anywhere/contract/postgres-server';
import { seed } from '@anywhere/server/seed';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { asc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { createBetterSqliteAdapter, openDatabase } from '../src/database.ts';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../', import.meta.url));
const directory = mkdtempSync(join(tmpdir(), 'anywhere-copy-'));
const sourcePath = join(directory, 'source.db');
const adminToken = crypto.randomUUID() + crypto.randomUUID();
let authorToken = '';
let highestPostId = 0;

/** Every row of every table, ordered, as plain values: what must be identical on both sides. */
async function dump({ db, schema: tables }: Database) {
  return {
    authors: await db.select().from(tables.authors).orderBy(asc(tables.authors.id)),
    tokens: await db.select().from(tables.tokens).orderBy(asc(tables.tokens.selector)),
    posts: await db.select().from(tables.posts).orderBy(asc(tables.posts.id)),
    postTags: await db.select().from(tables.postTags).orderBy(asc(tables.postTags.postId), asc(tables.postTags.tag)),
  };
}

beforeAll(async () => {
  // A realistic source: sample data through the API, then a deleted post and a revoked token.
  const source = createBetterSqliteAdapter(sourcePath);
  await source.migrate(undefined);
  const app = createApp({ database: source, config: loadAppConfig({ ADMIN_TOKEN: adminToken, LOG_LEVEL: 'error' }) });
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => app.fetch(new Request(input, init));
  const { authors } = await seed('http://anywhere.test', { adminToken, authors: 3, postsPerAuthor: 4, fetch });
  authorToken = authors[0]!.token;
  const { db } = source.connect(undefined);
  const posts = await db.select().from(schema.posts).orderBy(asc(schema.posts.id));
  highestPostId = posts.at(-1)!.id;
  await app.request(`/posts/${highestPostId}`, { method: 'DELETE', headers: { Authorization: `Bearer ${authors[2]!.token}` } });
  const revoked = await (await app.request('/tokens', { method: 'POST', headers: { Authorization: `Bearer ${authorToken}` } })).json();
  await app.request('/tokens/current', { method: 'DELETE', headers: { Authorization: `Bearer ${(revoked as { token: string }).token}` } });
  await source.close();
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function describeCopy(adapter: 'pglite' | 'postgres', makeTarget: () => Promise<{ url: string; drop?(): Promise<void> }>, unavailable?: string) {
  describe('pnpm db:copy', () => {
    matrix({ adapter }).testUnless(unavailable, 'pnpm db:copy copies every table of an SQLite file, ids kept, and the API carries on', async () => {
      const target = await makeTarget();
      try {
        const { stdout } = await run(process.execPath, ['apps/node/src/copy.ts', '--from', `file:${sourcePath}`, '--to', target.url], { cwd: root });
        expect(JSON.parse(stdout)).toMatchObject({ event: 'copied', rows: { authors: 3, posts: 11, tokens: 4 } });

        const [source, copy] = [openDatabase(databaseTarget(`file:${sourcePath}`)), openDatabase(databaseTarget(target.url))];
        try {
          expect(await dump(copy.connect(undefined))).toEqual(await dump(source.connect(undefined)));
          // The copy serves the same API: old tokens work, and new ids never reuse a deleted one.
          const app = createApp({ database: copy, config: loadAppConfig({ LOG_LEVEL: 'error' }) });
          const created = await app.request('/posts', {
            method: 'POST',
            headers: { Authorization: `Bearer ${authorToken}`, 'Content-Type': 'application/json' },
            body: JSON.stringify({ title: 'After the move', body: 'Still here.', status: 'published' }),
          });
          expect(created.status).toBe(201);
          expect(((await created.json()) as { id: number }).id).toBe(highestPostId + 1);
        } finally {
          await Promise.all([source.close(), copy.close()]);
        }

        // A second copy into the same, now full, database is refused and changes nothing.
        const again = run(process.execPath, ['apps/node/src/copy.ts', '--from', `file:${sourcePath}`, '--to', target.url], { cwd: root });
        await expect(again).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('not empty') });
      } finally {
        await target.drop?.();
      }
    });
  });
}

describeCopy('pglite', async () => ({ url: `pglite:${join(directory, 'pg')}` }));
describeCopy('postgres', () => createTestDatabase('copy'), await whyNoPostgres());
