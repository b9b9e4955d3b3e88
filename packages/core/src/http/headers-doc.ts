import { bookmarkHeader, bookmarkPattern } from './bookmark.ts';

// Every header a client sends or reads, described once: the OpenAPI document
// puts each where it applies (openapi.ts decides where, from the operation).

/** Request headers, as OpenAPI header parameters under components.parameters. */
export const headerParameters = {
  RequestId: {
    name: 'X-Request-Id',
    in: 'header',
    required: false,
    description: 'Your own id for this request (1-255 letters, digits, `_`, `-`, `=`), kept in our logs and sent back; anything else is replaced by a UUID.',
    schema: { type: 'string', maxLength: 255 },
  },
  IfNoneMatch: {
    name: 'If-None-Match',
    in: 'header',
    required: false,
    description: 'An `ETag` you hold (quoted, as it came): if the representation still has it, the answer is 304 with no body.',
    schema: { type: 'string' },
  },
  IfMatch: {
    name: 'If-Match',
    in: 'header',
    required: false,
    description: 'The `ETag` you last read (quoted, as it came): the write happens only if the post still has it, else 412.',
    schema: { type: 'string' },
  },
  Bookmark: {
    name: bookmarkHeader,
    in: 'header',
    required: false,
    description:
      'D1 only (Cloudflare Workers): the bookmark of an earlier response. What this request reads is at least as new as it. A malformed bookmark is a 400.',
    schema: { type: 'string', pattern: bookmarkPattern.source },
  },
} as const;

/** Response headers, under components.headers. */
export const responseHeaders = {
  'X-Request-Id': { description: 'The id this request goes by: yours when sane, else a new UUID. Quote it when reporting a problem.', schema: { type: 'string' } },
  ETag: { description: "The representation's version (a strong, quoted tag): send it back in If-None-Match or If-Match.", schema: { type: 'string' } },
  Location: { description: 'The path of what was created.', schema: { type: 'string', format: 'uri-reference' } },
  'Retry-After': { description: 'Seconds until the request would be allowed.', schema: { type: 'integer', minimum: 1 } },
  'WWW-Authenticate': {
    description: 'RFC 6750: `Bearer realm="anywhere"`, with `error="invalid_token"` when a token was sent but is unknown or revoked.',
    schema: { type: 'string' },
  },
  [bookmarkHeader]: {
    description: 'D1 only: the database position this response saw; send it back as X-D1-Bookmark to read at least this new.',
    schema: { type: 'string' },
  },
} as const;

export type ResponseHeader = keyof typeof responseHeaders;

/** Headers that a status brings whatever the operation: a 304 names the version it matched, a 401 the scheme, a 429 when to retry. */
export const headersOfStatus: Partial<Record<string, readonly ResponseHeader[]>> = {
  304: ['ETag'],
  401: ['WWW-Authenticate'],
  429: ['Retry-After'],
};
