import { withDeadline } from '../deadline.ts';
import { ApiError } from './problem.ts';

/**
 * A body read that gives up after `ms`: a client that sends its headers and
 * then stalls mid-body must not hold a request open forever. Bun bounds only
 * idle connections, so this is the limit there; on Node the server's own
 * requestTimeout backs it up. Unset (Workers), the platform bounds it.
 */
export async function readWithin<T>(read: Promise<T>, ms: number | undefined): Promise<T> {
  if (ms === undefined) return read;
  // The rest of the body may still come: close the connection rather than read it as the next request.
  return withDeadline(read, ms, () => new ApiError(408, `The request body did not arrive within ${ms} ms.`, { headers: { Connection: 'close' } }));
}
