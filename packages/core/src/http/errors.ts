import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { log } from '../log.ts';
import { ApiError, problemResponse } from './problem.ts';

/** The app's one error handler: known errors keep their status, anything else is a bare 500. */
export function handleError(error: Error, c: Context): Response {
  if (error instanceof ApiError) return problemResponse(c, error.status, error.message, error.errors);
  // Hono's own (malformed JSON from the validator, for one) carry a safe message.
  if (error instanceof HTTPException && error.status < 500) return problemResponse(c, error.status, error.message);
  log.error('unhandled error', { method: c.req.method, path: c.req.path, error: describe(error) });
  // Never the stack or the SQL: those stay in the log.
  return problemResponse(c, 500, 'Something went wrong on our side.');
}

export const notFound = (c: Context) => problemResponse(c, 404, `No route for ${c.req.method} ${c.req.path}.`);

export const methodNotAllowed = (c: Context, allowed: string[]) =>
  problemResponse(c, 405, `${c.req.method} is not allowed here; use ${allowed.join(', ')}.`, undefined, {
    Allow: allowed.join(', '),
  });

const describe = (error: Error) => ({ name: error.name, message: error.message, stack: error.stack });
