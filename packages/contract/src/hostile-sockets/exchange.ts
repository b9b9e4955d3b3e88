import { connect } from 'node:net';

/** The first response to a raw request, or how the connection ended without one. */
export type Outcome =
  | { kind: 'response'; status: number; headers: Record<string, string>; body: Buffer }
  | { kind: 'closed' }
  | { kind: 'timeout' };

const headEnd = Buffer.from('\r\n\r\n');

/** The first complete response in `data`, skipping 1xx; undefined while it is incomplete (unless the server closed). */
function parse(data: Buffer, method: string, closed: boolean): Outcome | undefined {
  let offset = 0;
  for (;;) {
    const end = data.indexOf(headEnd, offset);
    if (end < 0) return closed ? (offset < data.length ? { kind: 'response', status: 0, headers: {}, body: data.subarray(offset) } : { kind: 'closed' }) : undefined;
    const [statusLine = '', ...lines] = data.subarray(offset, end).toString('latin1').split('\r\n');
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0);
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const start = end + 4;
    if (status >= 100 && status < 200) {
      offset = start;
      continue;
    }
    if (method === 'HEAD' || status === 204 || status === 304) return { kind: 'response', status, headers, body: Buffer.alloc(0) };
    if (headers['content-length'] !== undefined) {
      const length = Number(headers['content-length']);
      if (data.length - start >= length) return { kind: 'response', status, headers, body: data.subarray(start, start + length) };
      return closed ? { kind: 'response', status, headers, body: data.subarray(start) } : undefined;
    }
    if (/chunked/i.test(headers['transfer-encoding'] ?? '')) {
      const rest = data.subarray(start);
      return rest.includes('0\r\n\r\n') || closed ? { kind: 'response', status, headers, body: rest } : undefined;
    }
    // Neither: the body runs to the close.
    return closed ? { kind: 'response', status, headers, body: data.subarray(start) } : undefined;
  }
}

/** Sends `bytes` on a new connection and reads the first response (the connection is dropped after it). */
export function exchange(port: number, host: string, bytes: Buffer, method: string, timeoutMs: number): Promise<Outcome> {
  return new Promise((resolve) => {
    const socket = connect(port, host);
    let data = Buffer.alloc(0);
    let done = false;
    const finish = (outcome: Outcome) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(() => finish({ kind: 'timeout' }), timeoutMs);
    socket.setNoDelay(true);
    socket.on('connect', () => socket.write(bytes));
    socket.on('data', (chunk) => {
      data = Buffer.concat([data, chunk]);
      const outcome = parse(data, method, false);
      if (outcome) finish(outcome);
    });
    const closed = () => finish(parse(data, method, true) ?? { kind: 'closed' });
    socket.on('close', closed);
    socket.on('error', closed);
  });
}
