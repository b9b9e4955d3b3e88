import type { AppConfig } from '../config.ts';

// CORS inside the one request pass rather than Hono's middleware, which needs
// a middleware chain (app.use) and so would cost every request its compose
// step. Only what a configured API needs: listed origins (or *), credentials,
// preflight.

const allowMethods = 'GET,HEAD,POST,PUT,PATCH,DELETE';
const allowHeaders = 'Authorization,Content-Type,If-Match,If-None-Match,X-Request-Id,X-D1-Bookmark';
const exposeHeaders = 'ETag,Location,Retry-After,X-Request-Id,WWW-Authenticate,X-D1-Bookmark';

export interface Cors {
  /** Adds the CORS headers an answer to this Origin carries. */
  decorate(headers: Record<string, string>, origin: string | null): void;
  /** A preflight's own headers (the answer gets `decorate`'s too), or undefined when the request is not one. */
  preflight(request: Request): Record<string, string> | undefined;
}

export function createCors({ origins, credentials }: NonNullable<AppConfig['cors']>): Cors {
  const any = origins.includes('*');
  const allowed = (origin: string | null) => (any ? '*' : origin !== null && origins.includes(origin) ? origin : undefined);
  const decorate = (headers: Record<string, string>, origin: string | null) => {
    const allow = allowed(origin);
    if (allow) headers['Access-Control-Allow-Origin'] = allow;
    if (credentials) headers['Access-Control-Allow-Credentials'] = 'true';
    headers['Access-Control-Expose-Headers'] = exposeHeaders;
    // The answer depends on the Origin unless every origin gets the same one.
    if (!any) headers.Vary = headers.Vary ? `${headers.Vary}, Origin` : 'Origin';
  };
  return {
    decorate,
    preflight(request) {
      if (request.method !== 'OPTIONS' || !request.headers.has('Access-Control-Request-Method')) return undefined;
      return { 'Access-Control-Allow-Methods': allowMethods, 'Access-Control-Allow-Headers': allowHeaders, 'Access-Control-Max-Age': '600' };
    },
  };
}
