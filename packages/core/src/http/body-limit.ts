import type { Incoming } from './incoming.ts';
import { ClientClosed, isConnectionLoss } from './client-closed.ts';
import { ApiError } from './problem.ts';

export const tooLarge = (bytes: number) => new ApiError(413, `The body is larger than ${bytes} bytes.`);

/**
 * 413 for a declared Content-Length over `bytes`, before anything reads the
 * body (or checks a token). The HTTP parser never delivers more than a
 * request declares, so the header is the whole check for such a body.
 */
export function refuseDeclaredOver(request: Request, bytes: number): void {
  const declared = request.headers.get('Content-Length');
  if (declared !== null && Number(declared) > bytes) throw tooLarge(bytes);
}

/**
 * Reads a request's whole body, never more than `bytes` of it (413 the moment
 * it passes), and rejects with ClientClosed if the connection goes first. A
 * runtime whose own request object reads faster supplies its own (Node).
 */
export type BodyReader = (incoming: Incoming, bytes: number) => Promise<ArrayBuffer | Uint8Array>;

/** The portable reader: the web Request's stream, counted as it arrives, whatever its encoding. */
export const readBody: BodyReader = async ({ request }, bytes) => {
  if (request.body === null) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const next = await reader.read().catch((error: unknown) => {
      throw isConnectionLoss(error) ? new ClientClosed(size, error) : error;
    });
    if (next.done) break;
    size += next.value.byteLength;
    if (size > bytes) {
      void reader.cancel().catch(() => {});
      throw tooLarge(bytes);
    }
    chunks.push(next.value);
  }
  if (chunks.length === 1) return chunks[0]!;
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
};

/**
 * Whether a request says a body follows. One the app did not read to its end
 * (refused before, or a route without a body) is answered with `Connection:
 * close`: otherwise the runtime keeps the connection to skip the rest, and a
 * client trickling that rest holds it for ever (measured on Bun; Node gives up
 * 500 ms after the answer, but never for a GET).
 */
export function declaresBody(request: Request): boolean {
  const { headers } = request;
  if (headers.has('Transfer-Encoding')) return true;
  const length = headers.get('Content-Length');
  return length !== null && length !== '0';
}
