// The databases the bench serves: 10,000 posts written by the seed command
// through the API, and a 1,000,000-post copy made from them in SQL.
import Database from 'better-sqlite3';
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bun, root } from './paths.ts';

export interface Dataset {
  file: string;
  /** An author's token, and ids of that author's posts (for PATCH). */
  token: string;
  ownPostIds: number[];
  /** Ids of published posts (for GET /posts/:id). */
  publishedIds: number[];
  /** A cursor halfway down the newest-first list. */
  deepCursor: string;
  posts: number;
}

const cursorAt = (db: Database.Database, offset: number) => {
  const row = db
    .prepare("select created_at, id from posts where status = 'published' order by created_at desc, id desc limit 1 offset ?")
    .get(offset) as { created_at: number; id: number };
  return Buffer.from(JSON.stringify([row.created_at, row.id])).toString('base64url');
};

/** One self-contained file (no -wal beside it), so a plain copy is the whole database. */
function settle(file: string) {
  const db = new Database(file);
  db.pragma('journal_mode = DELETE');
  db.close();
}

function describe(file: string, token: string, authorId: number): Dataset {
  const db = new Database(file, { readonly: true });
  const published = (db.prepare("select count(*) as n from posts where status = 'published'").get() as { n: number }).n;
  const dataset = {
    file,
    token,
    ownPostIds: (db.prepare('select id from posts where author_id = ? order by id limit 1000').all(authorId) as { id: number }[]).map((row) => row.id),
    publishedIds: (db.prepare("select id from posts where status = 'published' order by random() limit 10000").all() as { id: number }[]).map((row) => row.id),
    deepCursor: cursorAt(db, Math.floor(published / 2)),
    posts: (db.prepare('select count(*) as n from posts').get() as { n: number }).n,
  };
  db.close();
  return dataset;
}

/**
 * 10,000 posts from `pnpm seed` (100 authors × 100 posts) against the Bun app,
 * and unless told otherwise a million made from them, kept in bench/.data between runs.
 */
export async function seeded(directory: string, { large: withLarge = true } = {}): Promise<{ small: Dataset; large?: Dataset }> {
  mkdirSync(directory, { recursive: true });
  const small = join(directory, 'posts-10k.db');
  const large = join(directory, 'posts-1m.db');
  const adminToken = 'bench-admin-token-'.padEnd(48, 'x');
  const tokens = join(directory, 'seed.json');
  if (!existsSync(small) || !existsSync(tokens)) {
    rmSync(small, { force: true });
    const app = spawn(bun, [join(root, 'apps/bun/src/main.ts')], {
      // Rate limits off: seeding sends thousands of writes from one address with few tokens.
      env: { ...process.env, PORT: '0', DATABASE_URL: `file:${small}`, ADMIN_TOKEN: adminToken, LOG_LEVEL: 'error', RATE_LIMIT: 'off', RATE_LIMIT_TOKEN: 'off' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const url = await new Promise<string>((resolve) => app.stdout.on('data', (chunk) => /"url":"([^"]+)"/.exec(String(chunk))?.[1] && resolve(/"url":"([^"]+)"/.exec(String(chunk))![1]!)));
    const output = execFileSync(process.execPath, ['scripts/seed.ts', '--url', url, '--authors', '100', '--posts', '100'], {
      cwd: root,
      env: { ...process.env, ADMIN_TOKEN: adminToken },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    app.kill('SIGTERM');
    await new Promise((resolve) => app.once('exit', resolve));
    settle(small);
    writeFileSync(tokens, output.trim().split('\n').at(-1)!);
  }
  const { authors } = JSON.parse(readFileSync(tokens, 'utf8')) as { authors: { id: number; token: string }[] };
  const [author] = authors;

  if (!withLarge) return { small: describe(small, author!.token, author!.id) };
  if (!existsSync(large)) {
    copyFileSync(small, large);
    const db = new Database(large);
    db.pragma('journal_mode = WAL');
    // 99 more generations of the same posts, each a year older, with new ids and etags.
    db.transaction(() => {
      const span = 365 * 24 * 3600 * 1000;
      for (let generation = 1; generation < 100; generation++) {
        db.prepare(
          `insert into posts (title, body, status, author_id, etag, created_at, updated_at)
           select title, body, status, author_id, etag || '-${generation}', created_at - ${generation * span}, updated_at - ${generation * span}
           from posts where id <= 10000`,
        ).run();
        db.prepare(
          `insert into post_tags (post_id, tag) select post_id + ${generation * 10000}, tag from post_tags where post_id <= 10000`,
        ).run();
      }
    })();
    db.exec('analyze');
    db.close();
    settle(large);
  }
  return { small: describe(small, author!.token, author!.id), large: describe(large, author!.token, author!.id) };
}
