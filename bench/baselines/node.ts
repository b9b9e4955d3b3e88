// Bare Node: node:http and better-sqlite3, no framework. PORT, DATABASE (a file).
import Database from 'better-sqlite3';
import { createServer, type IncomingMessage } from 'node:http';
import { createService, type Reply } from './service.ts';

const db = new Database(process.env.DATABASE!);
for (const pragma of ['busy_timeout = 5000', 'journal_mode = WAL', 'synchronous = NORMAL', 'foreign_keys = ON']) db.pragma(pragma);
const service = createService(db);

const text = async (request: IncomingMessage) => {
  let body = '';
  for await (const chunk of request) body += chunk;
  return body;
};

const server = createServer(async (request, response) => {
  const url = new URL(request.url ?? '/', 'http://x');
  const id = /^\/posts\/([^/]+)$/.exec(url.pathname)?.[1];
  let reply: Reply;
  if (url.pathname === '/posts' && request.method === 'GET') reply = service.list(url.searchParams.get('limit'), url.searchParams.get('cursor'));
  else if (url.pathname === '/posts' && request.method === 'POST') reply = service.create(request.headers.authorization, await text(request));
  else if (id && request.method === 'GET') reply = service.get(id);
  else if (id && request.method === 'PATCH') reply = service.retitle(request.headers.authorization, id, await text(request));
  else if (url.pathname === '/health') reply = { status: 200, body: '{"status":"ok"}' };
  else reply = { status: 404, body: '{"status":404}' };
  response.writeHead(reply.status, reply.etag ? { 'Content-Type': 'application/json', ETag: reply.etag } : { 'Content-Type': 'application/json' });
  response.end(reply.body);
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address() as { port: number };
  console.log(JSON.stringify({ event: 'listening', url: `http://127.0.0.1:${address.port}/` }));
});
