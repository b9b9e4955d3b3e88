// A client that misbehaves on a raw connection, where fetch cannot: headers
// without an end, a body that trickles, stalls, or never comes.
import { connect } from 'node:net';

export interface Ending {
  /** How long the server let the connection live. */
  ms: number;
  /** What it answered before closing, if anything. */
  reply: string;
  /** Still open at the bound: the server would have held it forever. */
  heldOpen: boolean;
}

export type Write = (text: string) => void;
export const noop = () => {};

/** Opens a raw connection, lets `client` misbehave on it, and sees when the server ends it. */
export function misbehave(url: URL, client: (write: Write) => () => void, boundMs: number): Promise<Ending> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = connect(Number(url.port), url.hostname);
    let reply = '';
    let stopClient: () => void = noop;
    const end = (heldOpen: boolean) => {
      clearTimeout(bound);
      stopClient();
      socket.destroy();
      resolve({ ms: Math.round(performance.now() - started), reply, heldOpen });
    };
    const bound = setTimeout(() => end(true), boundMs);
    socket.on('connect', () => (stopClient = client((text) => socket.write(text))));
    socket.on('data', (chunk) => (reply += chunk));
    socket.on('close', () => end(false));
    socket.on('error', (error) => (['ECONNRESET', 'EPIPE'].includes((error as NodeJS.ErrnoException).code ?? '') ? end(false) : reject(error)));
  });
}

/** Writes `pieces` one after another, one every `everyMs`, round and round. */
export const trickle = (pieces: string | readonly string[], everyMs: number) => (write: Write) => {
  let sent = 0;
  const timer = setInterval(() => write(pieces[sent++ % pieces.length]!), everyMs);
  return () => clearInterval(timer);
};

/** The status, headers (lowercased names) and body of the first response in `reply`. */
export function firstResponse(reply: string): { status: number; headers: Record<string, string>; body: string } {
  const [head = '', ...rest] = reply.split('\r\n\r\n');
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(/^HTTP\/1\.1 (\d{3})/.exec(statusLine)?.[1] ?? 0), headers, body: rest.join('\r\n\r\n') };
}
