import { connect } from 'node:net';
import { describe, expect } from 'vitest';
import type { ServerEntryPoint } from '../entry-point.ts';
import { figure } from '../figures.ts';
import { matrix } from '../matrix.ts';
import { runDatabase, startEntryPoint } from './server.ts';

// Small limits, so each case ends in seconds; the bound leaves room for a loaded machine.
const headersTimeoutMs = 2000;
const requestTimeoutMs = 1000;
const defaultBoundMs = 8000;

interface Ending {
  /** How long the server let the connection live. */
  ms: number;
  /** What it answered before closing, if anything. */
  reply: string;
  /** Still open at the bound: the server would have held it forever. */
  heldOpen: boolean;
}

const noop = () => {};

/** Opens a raw connection, lets `client` misbehave on it, and sees when the server ends it. */
function misbehave(url: URL, client: (write: (text: string) => void) => () => void, boundMs = defaultBoundMs): Promise<Ending> {
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
    socket.on('error', (error) => ((error as NodeJS.ErrnoException).code === 'ECONNRESET' ? end(false) : reject(error)));
  });
}

const trickle = (text: string, everyMs: number) => (write: (text: string) => void) => {
  let sent = 0;
  const timer = setInterval(() => write(text[sent++ % text.length]!), everyMs);
  return () => clearInterval(timer);
};

export interface SlowClientsTarget extends ServerEntryPoint {
  /** The runtime closes unfinished headers itself, at a limit HEADERS_TIMEOUT_MS does not change: the bound to allow, and why. */
  fixedHeadersLimit?: { boundMs: number; why: string };
}

/** HEADERS_TIMEOUT_MS and REQUEST_TIMEOUT_MS: a client that sends slowly or not at all cannot hold a connection. */
export function describeSlowClients(target: SlowClientsTarget): void {
  const { test } = matrix(target);
  const database = runDatabase(target, 'slow');
  const adminToken = crypto.randomUUID() + crypto.randomUUID();
  const start = async () =>
    startEntryPoint(target, {
      ADMIN_TOKEN: adminToken,
      DATABASE_URL: await database.url(),
      HEADERS_TIMEOUT_MS: String(headersTimeoutMs),
      REQUEST_TIMEOUT_MS: String(requestTimeoutMs),
    });
  const report = (what: string, { ms, reply }: Ending, why?: string) =>
    figure(target.adapter, `slow client on ${target.runtime.name}, ${what}: closed after ${ms} ms${reply ? ` with ${reply.split('\r\n')[0]}` : ''}${why ? ` (${why})` : ''}`);
  const headersBoundMs = target.fixedHeadersLimit?.boundMs ?? defaultBoundMs;
  const headersWhy = target.fixedHeadersLimit?.why;

  describe(`slow clients (${target.runtime.name})`, { timeout: 30_000 }, () => {
    test('a connection that sends nothing is closed', async () => {
      await using server = await start();
      const ending = await misbehave(server.url, () => noop, headersBoundMs);
      report('silent', ending, headersWhy);
      expect(ending.heldOpen).toBe(false);
    });

    test('a connection that trickles header bytes and never ends them is closed', async () => {
      await using server = await start();
      const ending = await misbehave(server.url, (write) => {
        write(`GET /health HTTP/1.1\r\nHost: ${server.url.host}\r\nX-Slow: `);
        return trickle('abcdefgh', 250)(write);
      }, headersBoundMs);
      report('trickling headers', ending, headersWhy);
      expect(ending.heldOpen).toBe(false);
      if (ending.reply) expect(ending.reply).toMatch(/^HTTP\/1\.1 (408|400|431) /);
    });

    test('a body that stops mid-way gets a 408 problem and the connection is closed', async () => {
      await using server = await start();
      const body = JSON.stringify({ name: 'Stalled', email: 'stalled@example.com' });
      const ending = await misbehave(server.url, (write) => {
        write(
          `POST /authors HTTP/1.1\r\nHost: ${server.url.host}\r\nAuthorization: Bearer ${adminToken}\r\nContent-Type: application/json\r\n` +
            `Content-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`,
        );
        return noop;
      });
      report('stalled body', ending);
      expect(ending.heldOpen).toBe(false);
      expect(ending.reply).toMatch(/^HTTP\/1\.1 408 /);
      expect(ending.reply).toMatch(/^connection: close\r$/im);
      expect(ending.reply).toMatch(/^content-type: application\/problem\+json\r$/im);
      expect(ending.reply).toContain('"status":408');
    });
  });
}
