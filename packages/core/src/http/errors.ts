import { HTTPException } from 'hono/http-exception';
import type { Logger } from '../log.ts';
import type { Incoming } from './incoming.ts';
import { ApiError, problemReply } from './problem.ts';
import type { Reply } from './route.ts';

/** The answer to a failed request: a known error keeps its status; anything else is logged and a bare 500. */
export function failureReply(error: unknown, { method, path }: Incoming, requestId: string, logger: Logger): Reply {
  // Drizzle wraps what a driver throws (DrizzleQueryError): an adapter's ApiError may be its cause.
  const known = apiErrorIn(error);
  if (known) return problemReply(requestId, known.status, known.message, known);
  // Hono's own (a malformed request it refused) carry a safe message.
  if (error instanceof HTTPException && error.status < 500) return problemReply(requestId, error.status, error.message);
  const { name, message, stack } = error instanceof Error ? error : { name: typeof error, message: String(error), stack: undefined };
  logger.error('unhandled error', { requestId, method, path, error: { name, message, stack } });
  // Never the stack or the SQL: those stay in the log.
  return problemReply(requestId, 500, 'Something went wrong on our side.');
}

/** 404 for a path no route has; 405, with Allow, for a method a path does not have. */
export function noRoute({ method, path }: Incoming, allowed: readonly string[] | undefined): ApiError {
  if (allowed?.length && !allowed.includes(method)) {
    return new ApiError(405, `${method} is not allowed here; use ${allowed.join(', ')}.`, { headers: { Allow: allowed.join(', ') } });
  }
  return new ApiError(404, `No route for ${method} ${path}.`);
}

function apiErrorIn(error: unknown): ApiError | undefined {
  for (let current = error; current instanceof Error; current = current.cause) if (current instanceof ApiError) return current;
  return undefined;
}
