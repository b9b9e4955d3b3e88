import type { Database } from '../database.ts';
import type { Cors } from './cors.ts';
import { noneMatch, quoted } from './etag.ts';
import type { Incoming } from './incoming.ts';
import type { Reply } from './route.ts';
import { securityHeaders } from './security-headers.ts';

interface Answering {
  incoming: Incoming;
  requestId: string;
  /** Undefined when the request failed before it reached the database. */
  database: Database | undefined;
}

/**
 * The response to a reply, built once: its headers are one plain object (the
 * security headers copied, then the request id, the ETag and the reply's own),
 * never set one by one on a Headers object. On Node that keeps
 * @hono/node-server on its fast path, which writes a plain object straight to
 * writeHead.
 */
export function respond({ incoming: { request, method }, requestId, database }: Answering, reply: Reply, cors: Cors | undefined): Response {
  const headers: Record<string, string> = { ...securityHeaders, 'X-Request-Id': requestId };
  let { status } = reply;
  let body: string | null = null;
  if (reply.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(reply.json);
  } else if (reply.text !== undefined) body = reply.text;
  if (reply.headers) Object.assign(headers, reply.headers);
  if (reply.etag !== undefined) {
    const etag = quoted(reply.etag);
    headers.ETag = etag;
    if (status === 200 && (method === 'GET' || method === 'HEAD') && noneMatch(request.headers.get('If-None-Match'), etag)) {
      status = 304;
      body = null;
      delete headers['Content-Type'];
    }
  }
  if (cors) cors.decorate(headers, request.headers.get('Origin'));
  // D1 hands each request's session a bookmark that the client sends back to read its own writes.
  const fromDatabase = database?.responseHeaders?.();
  if (fromDatabase) Object.assign(headers, fromDatabase);
  return new Response(body, { status, headers });
}
