import type { MiddlewareHandler } from 'hono';
import { etag, RETAINED_304_HEADERS } from 'hono/etag';
import type { AppEnv } from '../app-env.ts';

export const quoted = (tag: string) => `"${tag}"`;

/** If-None-Match handling for single-resource GETs; a 304 keeps its request id. */
export const conditionalGet: MiddlewareHandler<AppEnv> = etag({ retainedHeaders: [...RETAINED_304_HEADERS, 'x-request-id'] });

/** If-Match with strong comparison (RFC 9110 §13.1.1): `*`, or one of the listed tags exactly. */
export function ifMatchAllows(header: string, tag: string): boolean {
  if (header.trim() === '*') return true;
  return header.split(',').some((candidate) => candidate.trim() === quoted(tag));
}
