import type * as z from 'zod';
import { problemSchema } from './problem.ts';

/** Where a schema is the JSON body of a request or response. */
export const json = <S extends z.ZodType>(schema: S, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const meanings = {
  304: 'The representation has not changed since the ETag in If-None-Match.',
  400: 'A malformed body, path or query string.',
  401: 'No token, or one that is unknown or revoked (see WWW-Authenticate).',
  403: 'The token is valid but may not do this.',
  404: 'No such resource, or not one this caller may see.',
  409: 'It conflicts with what exists.',
  412: 'If-Match named an ETag the resource no longer has.',
  413: 'The body is larger than the limit.',
  415: 'The body is not application/json.',
  422: 'The body parsed but breaks the rules; `errors` names each field.',
  503: 'Unavailable: the database is not answering, or (admin routes) ADMIN_TOKEN is not configured.',
} as const;

/** The error responses a route can give, for the document: every one is a Problem. */
export function problems(...statuses: (keyof typeof meanings)[]) {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      status === 304
        ? { description: meanings[status] }
        : { description: meanings[status], content: { 'application/problem+json': { schema: problemSchema } } },
    ]),
  );
}

export const bearer = [{ bearer: [] }];
