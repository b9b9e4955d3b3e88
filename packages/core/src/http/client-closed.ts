/**
 * The client went away before its request's body had all arrived: internet
 * noise, not a fault of the server. The request pass logs it as one `info`
 * line, never as an error.
 */
export class ClientClosed extends Error {
  override readonly name = 'ClientClosed';
  /** How many bytes of the body had arrived. */
  readonly bodyBytes: number;
  constructor(bodyBytes: number, cause?: unknown) {
    super('The client closed the connection before its request body had arrived.', { cause });
    this.bodyBytes = bodyBytes;
  }
}

/**
 * Whether a body read failed because the connection went: Bun rejects with
 * an AbortError ("The connection was closed."), node:http with "aborted"
 * (ECONNRESET), a stream piped from it with ERR_STREAM_PREMATURE_CLOSE.
 * Anything else (a body read twice, a runtime bug) stays a real error.
 */
export function isConnectionLoss(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { code } = error as Error & { code?: unknown };
  return error.name === 'AbortError' || code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE' || error.message === 'aborted';
}
