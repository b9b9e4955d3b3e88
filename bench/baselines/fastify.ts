// Fastify and better-sqlite3: the peer a Node user would pick. PORT, DATABASE (a file).
import Database from 'better-sqlite3';
import Fastify from 'fastify';
import { createService, type Reply } from './service.ts';

const db = new Database(process.env.DATABASE!);
for (const pragma of ['busy_timeout = 5000', 'journal_mode = WAL', 'synchronous = NORMAL', 'foreign_keys = ON']) db.pragma(pragma);
const service = createService(db);
const app = Fastify({ logger: false });
// Bodies as text, so the service validates exactly as the others do.
app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => done(null, body));

const send = (reply: { code(status: number): { header(name: string, value: string): unknown; type(type: string): { send(body: string): unknown } } }, { status, body, etag }: Reply) => {
  const sending = reply.code(status);
  if (etag) sending.header('ETag', etag);
  return sending.type('application/json').send(body);
};

app.get<{ Querystring: { limit?: string; cursor?: string } }>('/posts', (request, reply) =>
  send(reply, service.list(request.query.limit ?? null, request.query.cursor ?? null)),
);
app.post<{ Body: string }>('/posts', (request, reply) => send(reply, service.create(request.headers.authorization, request.body)));
app.get<{ Params: { id: string } }>('/posts/:id', (request, reply) => send(reply, service.get(request.params.id)));
app.patch<{ Params: { id: string }; Body: string }>('/posts/:id', (request, reply) =>
  send(reply, service.retitle(request.headers.authorization, request.params.id, request.body)),
);
app.get('/health', () => ({ status: 'ok' }));

const url = await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
console.log(JSON.stringify({ event: 'listening', url: `${url}/` }));
