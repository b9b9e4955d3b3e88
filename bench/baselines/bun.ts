// Bare Bun: Bun.serve and bun:sqlite, no framework. PORT, DATABASE (a file).
import { Database } from 'bun:sqlite';
import { createService, type Reply } from './service.ts';

const db = new Database(process.env.DATABASE!, { strict: true });
for (const pragma of ['busy_timeout = 5000', 'journal_mode = WAL', 'synchronous = NORMAL', 'foreign_keys = ON']) db.run(`PRAGMA ${pragma}`);
const service = createService(db as never);

const respond = ({ status, body, etag }: Reply) =>
  new Response(body, { status, headers: etag ? { 'Content-Type': 'application/json', ETag: etag } : { 'Content-Type': 'application/json' } });

const server = Bun.serve({
  port: Number(process.env.PORT ?? 0),
  hostname: '127.0.0.1',
  routes: {
    '/posts': {
      GET: (request) => {
        const query = new URL(request.url).searchParams;
        return respond(service.list(query.get('limit'), query.get('cursor')));
      },
      POST: async (request) => respond(service.create(request.headers.get('authorization') ?? undefined, await request.text())),
    },
    '/posts/:id': {
      GET: (request) => respond(service.get(request.params.id)),
      PATCH: async (request) => respond(service.retitle(request.headers.get('authorization') ?? undefined, request.params.id, await request.text())),
    },
    '/health': new Response('{"status":"ok"}', { headers: { 'Content-Type': 'application/json' } }),
  },
});
console.log(JSON.stringify({ event: 'listening', url: server.url.href }));
