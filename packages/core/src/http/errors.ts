import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Logger } from '../log.ts';
import { ApiError, problemResponse } from './problem.ts';

/** The app's one error handler: known errors keep their status, anything else is a bare 500. */
export const errorHandler = (logger: Logger) => (error: Error, c: Context) => {
  // Drizzle wraps what a driver throws (DrizzleQueryError): an adapter's ApiError may be its cause.
  const known = apiErrorIn(error);
  if (known) return problemResponse(c, known.status, known.message, known);
  // Hono's own (a body over the limit, a malformed one) carry a safe message.
  if (error instanceof HTTPException && error.status < 500) return problemResponse(c, error.status, error.message);
  logger.error('unhandled error', {
    requestId: c.get('requestId'),
    method: c.req.method,
    path: c.req.path,
    error: { name: error.name, message: error.message, stack: error.stack },
  });
  // Never the stack or the SQL: those stay in the log.
  return problemResponse(c, 500, 'Something went wrong on our side.');
};

export const notFound = (c: Context) => problemResponse(c, 404, `No route for ${c.req.method} ${c.req.path}.`);

export const methodNotAllowed = (c: Context, allowed: string[]) =>
  problemResponse(c, 405, `${c.req.method} is not allowed here; use ${allowed.join(', ')}.`, {
    headers: { Allow: allowed.join(', ') },
  });

function apiErrorIn(error: unknown): ApiError | undefined {
  for (let current = error; current instanceof Error; current = current.cause) if (current instanceof ApiError) return current;
  return undefined;
}
