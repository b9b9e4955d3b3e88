import { withDeadline } from '../deadline.ts';
import { ApiError } from './problem.ts';

/**
 * A body read that gives up `ms` after the request's headers arrived
 * (`elapsedMs` ago): a client that sends its headers and
 * then trickles or stalls the body must not hold a request open. The timer
 * runs whatever arrives, so a byte now and then does not reset it (as a
 * runtime's idle timeout would). The 408 closes the connection (the rest of
 * the body may still come, and must not be read as the next request): Bun and
 * node:http both close a connection after answering with `Connection: close`.
 * Unset (Workers), the platform bounds it.
 */
export async function readWithin<T>(read: Promise<T>, ms: number | undefined, elapsedMs = 0): Promise<T> {
  if (ms === undefined) return read;
  return withDeadline(read, Math.max(0, ms - elapsedMs), () => new ApiError(408, `The request body did not arrive within ${ms} ms.`, { headers: { Connection: 'close' } }));
}
