// The API's hot endpoints with no framework: hand-written validation, the
// same SQL as prepared statements, the same JSON. Shared by the bare Bun and
// bare Node baselines; Fastify calls it from its own routes. It is the
// practical limit each runtime sets, not a second implementation to ship.
import { createHash, randomBytes } from 'node:crypto';

/** What bun:sqlite and better-sqlite3 have in common. */
export interface Sqlite {
  prepare(sql: string): { get(...params: unknown[]): unknown; all(...params: unknown[]): unknown[]; run(...params: unknown[]): unknown };
  transaction<A extends unknown[], T>(run: (...args: A) => T): (...args: A) => T;
}

export interface Reply {
  status: number;
  body: string;
  etag?: string;
}

interface Row {
  id: number;
  title: string;
  body: string;
  status: string;
  author_id: number;
  created_at: number;
  updated_at: number;
  etag: string;
  tags: string;
}

const columns = `p.id, p.title, p.body, p.status, p.author_id, p.created_at, p.updated_at, p.etag,
  (select json_group_array(tag) from (select tag from post_tags where post_id = p.id order by tag)) as tags`;

const toJson = (row: Row) => ({
  id: row.id,
  title: row.title,
  body: row.body,
  status: row.status,
  tags: JSON.parse(row.tags) as string[],
  authorId: row.author_id,
  createdAt: new Date(row.created_at).toISOString(),
  updatedAt: new Date(row.updated_at).toISOString(),
});

const problem = (status: number, detail: string): Reply => ({ status, body: JSON.stringify({ status, detail }) });
const base64url = (text: string) => Buffer.from(text).toString('base64url');
const tagPattern = /^[a-z0-9][a-z0-9-]{0,31}$/;

export function createService(db: Sqlite) {
  const byId = db.prepare(`select ${columns} from posts p where p.id = ?`);
  const firstPage = db.prepare(`select ${columns} from posts p where p.status = 'published' order by p.created_at desc, p.id desc limit ?`);
  const nextPage = db.prepare(
    `select ${columns} from posts p where p.status = 'published' and (p.created_at, p.id) < (?, ?)
     order by p.created_at desc, p.id desc limit ?`,
  );
  const token = db.prepare('select author_id, verifier_hash from tokens where selector = ? and revoked_at is null');
  const insertPost = db.prepare(
    'insert into posts (title, body, status, author_id, etag, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?) returning id',
  );
  const insertTag = db.prepare('insert into post_tags (post_id, tag) values (?, ?)');
  const retitle = db.prepare('update posts set title = ?, etag = ?, updated_at = ? where id = ? and etag = ?');

  const author = (authorization: string | undefined): number | undefined => {
    const match = /^Bearer aw_([\w-]{12})([\w-]{43})$/.exec(authorization ?? '');
    if (!match) return undefined;
    const row = token.get(match[1]) as { author_id: number; verifier_hash: string } | undefined;
    const hash = createHash('sha256').update(match[2]!).digest('hex');
    return row && row.verifier_hash === hash ? row.author_id : undefined;
  };
  const one = (id: number): Reply => {
    const row = byId.get(id) as Row | undefined;
    if (!row || row.status !== 'published') return problem(404, `Post ${id} does not exist.`);
    return { status: 200, body: JSON.stringify(toJson(row)), etag: `"${row.etag}"` };
  };
  const create = db.transaction((authorId: number, input: { title: string; body: string; status: string; tags: string[] }) => {
    const now = Date.now();
    const { id } = insertPost.get(input.title, input.body, input.status, authorId, randomBytes(16).toString('base64url'), now, now) as { id: number };
    for (const tag of input.tags) insertTag.run(id, tag);
    return byId.get(id) as Row;
  });

  return {
    get(idText: string): Reply {
      if (!/^[1-9][0-9]{0,15}$/.test(idText)) return problem(400, 'The URL path is invalid.');
      return one(Number(idText));
    },

    list(limitText: string | null, cursor: string | null): Reply {
      const limit = limitText === null ? 20 : Number(limitText);
      if (!Number.isInteger(limit) || limit < 1 || limit > 100) return problem(400, 'The query string is invalid.');
      let rows: Row[];
      if (cursor === null) rows = firstPage.all(limit + 1) as Row[];
      else {
        const position = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as [number, number];
        rows = nextPage.all(position[0], position[1], limit + 1) as Row[];
      }
      const items = rows.slice(0, limit);
      const last = items.at(-1);
      const nextCursor = rows.length > limit && last ? base64url(JSON.stringify([last.created_at, last.id])) : null;
      return { status: 200, body: JSON.stringify({ items: items.map(toJson), nextCursor }) };
    },

    create(authorization: string | undefined, text: string): Reply {
      const authorId = author(authorization);
      if (authorId === undefined) return problem(401, 'The token is not valid.');
      const input = JSON.parse(text) as { title?: unknown; body?: unknown; status?: unknown; tags?: unknown };
      const title = typeof input.title === 'string' ? input.title.trim() : '';
      const tags = Array.isArray(input.tags) ? [...new Set(input.tags.map((tag) => String(tag).trim().toLowerCase()))].toSorted() : [];
      if (
        title.length < 1 || title.length > 200 ||
        typeof input.body !== 'string' || input.body.trim() === '' ||
        (input.status !== undefined && input.status !== 'draft' && input.status !== 'published') ||
        tags.length > 10 || !tags.every((tag) => tagPattern.test(tag))
      ) {
        return problem(422, 'The request body is invalid.');
      }
      const row = create(authorId, { title, body: input.body, status: (input.status as string | undefined) ?? 'draft', tags });
      return { status: 201, body: JSON.stringify(toJson(row)), etag: `"${row.etag}"` };
    },

    retitle(authorization: string | undefined, idText: string, text: string): Reply {
      const authorId = author(authorization);
      if (authorId === undefined) return problem(401, 'The token is not valid.');
      if (!/^[1-9][0-9]{0,15}$/.test(idText)) return problem(400, 'The URL path is invalid.');
      const { title } = JSON.parse(text) as { title?: unknown };
      if (typeof title !== 'string' || title.trim().length < 1 || title.trim().length > 200) return problem(422, 'The request body is invalid.');
      const row = byId.get(Number(idText)) as Row | undefined;
      if (!row) return problem(404, `Post ${idText} does not exist.`);
      if (row.author_id !== authorId) return problem(403, 'Not your post.');
      retitle.run(title.trim(), randomBytes(16).toString('base64url'), Date.now(), row.id, row.etag);
      const updated = byId.get(row.id) as Row;
      return { status: 200, body: JSON.stringify(toJson(updated)), etag: `"${updated.etag}"` };
    },
  };
}

export type Service = ReturnType<typeof createService>;
