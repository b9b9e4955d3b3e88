import { afterAll, beforeAll, describe, expect } from 'vitest';
import type { ServerEntryPoint } from '../entry-point.ts';
import { figure } from '../figures.ts';
import { matrix } from '../matrix.ts';
import type { ServerProcess } from '../process.ts';
import { databaseDigest } from './database-digest.ts';
import { firstResponse, misbehave, noop, trickle, type Ending, type Write } from './raw-client.ts';
import { runDatabase, startEntryPoint } from './server.ts';

// REQUEST_TIMEOUT_MS bounds a whole body, however it is framed and however it
// trickles: the timer runs from the headers, and a byte now and then does not
// reset it. Small limits, so each case ends in about a second.
const requestTimeoutMs = 1000;
const bodyLimitKb = 1;
/** What a loaded machine may add to the deadline before the connection is closed. */
const marginMs = 1500;
const boundMs = requestTimeoutMs + 4000;
const atDeadline: [number, number] = [requestTimeoutMs - 50, requestTimeoutMs + marginMs];

const author = () => JSON.stringify({ name: 'Slow Body', email: `${crypto.randomUUID()}@example.com` });
const chunk = (text: string) => `${text.length.toString(16)}\r\n${text}\r\n`;
const authorsHead = (framing: string, authorization: string) =>
  `POST /authors HTTP/1.1\r\nHost: localhost\r\n${authorization}Content-Type: application/json\r\n${framing}\r\n`;

/** POST /authors with a chunked body trickled a byte every 200 ms: how the server ends it. */
export const trickleChunked = (url: URL, adminToken: string): Promise<Ending> =>
  misbehave(url, (write) => {
    write(authorsHead('Transfer-Encoding: chunked\r\n', `Authorization: Bearer ${adminToken}\r\n`));
    return trickle([...author()].map(chunk), 200)(write);
  }, boundMs);

/** A 408 problem at `deadlineMs` (give or take a loaded machine), and the connection closed. */
export const expectTimedOut = (ending: Ending, deadlineMs: number) => {
  expect(ending.heldOpen).toBe(false);
  expectRefused(ending, 408, [deadlineMs - 50, deadlineMs + marginMs]);
};

/** The answer is the problem `status`, with Connection: close, and came when it should. */
const expectRefused = ({ reply, ms }: Ending, status: number, withinMs: [number, number]) => {
  const response = firstResponse(reply);
  expect(`${response.status} ${reply}`).toMatch(new RegExp(`^${status} `));
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.headers.connection).toBe('close');
  expect(response.body).toContain(`"status":${status}`);
  expect(ms).toBeGreaterThanOrEqual(withinMs[0]);
  expect(ms).toBeLessThanOrEqual(withinMs[1]);
};

export interface SlowBodiesTarget extends ServerEntryPoint {
  /** PROCESSES for the server: 1 unless given. */
  processes?: number;
}

/** A body that trickles, stalls, or runs past the limit: answered and closed within the deadline, nothing written. */
export function describeSlowBodies(target: SlowBodiesTarget): void {
  const { testUnless } = matrix(target);
  const processes = target.processes ?? 1;
  const where = `${target.runtime.name}${processes > 1 ? `, PROCESSES=${processes}` : ''}`;
  const database = runDatabase(target, `bodies${processes}`);
  const adminToken = crypto.randomUUID() + crypto.randomUUID();
  let server: ServerProcess | undefined;
  const test = (title: string, body: () => Promise<void>) => testUnless(target.unavailable, `${title} (${where})`, body, 30_000);

  const admin = (headers: Record<string, string> = {}) => ({ Authorization: `Bearer ${adminToken}`, ...headers });
  const head = (framing: string, authorization = `Authorization: Bearer ${adminToken}\r\n`) => authorsHead(framing, authorization);

  /** Runs `client` on a raw connection and checks that nothing of it reached the database. */
  const unwritten = async (what: string, client: (write: Write) => () => void): Promise<Ending> => {
    const file = database.sqliteFile;
    const before = file && databaseDigest(file);
    const ending = await misbehave(server!.url, client, boundMs);
    figure(target.adapter, `slow body on ${where}, ${what}: closed after ${ending.ms} ms${ending.reply ? ` with ${ending.reply.split('\r\n')[0]}` : ''}`);
    if (file && databaseDigest(file) !== before) expect.fail(`${what} wrote to the database`);
    if (ending.heldOpen) expect.fail(`${what}: the connection was still open after ${boundMs} ms`);
    return ending;
  };


  describe(`slow bodies (${where})`, () => {
    beforeAll(async () => {
      if (target.unavailable) return;
      server = await startEntryPoint(target, {
        ADMIN_TOKEN: adminToken,
        DATABASE_URL: await database.url(),
        REQUEST_TIMEOUT_MS: String(requestTimeoutMs),
        BODY_LIMIT_KB: String(bodyLimitKb),
        PROCESSES: String(processes),
      }).catch((error: unknown) => {
        throw new Error(`the server did not start: ${String(error)}`);
      });
      // The first write makes the database's files, so the digest below has something to read.
      const created = await fetch(new URL('authors', server.url), { method: 'POST', headers: admin({ 'Content-Type': 'application/json' }), body: author() });
      expect(created.status).toBe(201);
    }, 60_000);
    afterAll(() => server?.[Symbol.asyncDispose]());

    test('a chunked body trickled one byte every 200 ms gets a 408 problem at the deadline and is closed', async () => {
      const body = author();
      const ending = await unwritten('chunked, a byte every 200 ms', (write) => {
        write(head('Transfer-Encoding: chunked\r\n'));
        return trickle([...body].map(chunk), 200)(write);
      });
      expectRefused(ending, 408, atDeadline);
    });

    test('a Content-Length body trickled one byte every 200 ms gets a 408 problem at the deadline and is closed', async () => {
      const body = author();
      const ending = await unwritten('Content-Length, a byte every 200 ms', (write) => {
        write(head(`Content-Length: ${body.length}\r\n`));
        return trickle([...body], 200)(write);
      });
      expectRefused(ending, 408, atDeadline);
    });

    test('a chunked body that stalls after its first chunk gets a 408 problem at the deadline and is closed', async () => {
      const ending = await unwritten('chunked, stalled', (write) => {
        write(head('Transfer-Encoding: chunked\r\n') + chunk(author().slice(0, 10)));
        return noop;
      });
      expectRefused(ending, 408, atDeadline);
    });

    test('a Content-Length body that stalls mid-way gets a 408 problem at the deadline and is closed', async () => {
      const body = author();
      const ending = await unwritten('Content-Length, stalled', (write) => {
        write(head(`Content-Length: ${body.length}\r\n`) + body.slice(0, 10));
        return noop;
      });
      expectRefused(ending, 408, atDeadline);
    });

    test('a chunked body that trickles past the body limit under the deadline gets its 413 and is closed', async () => {
      const piece = chunk(`"${'x'.repeat(254)}"`);
      const ending = await unwritten(`chunked past ${bodyLimitKb} KiB, 256 bytes every 50 ms`, (write) => {
        write(head('Transfer-Encoding: chunked\r\n'));
        return trickle([piece], 50)(write);
      });
      expectRefused(ending, 413, [0, requestTimeoutMs]);
    });

    test('a request refused before its body is read (no token) is closed at once, not held while the body trickles', async () => {
      const body = author();
      const ending = await unwritten('refused (401), body still trickling', (write) => {
        write(head('Transfer-Encoding: chunked\r\n', ''));
        return trickle([...body].map(chunk), 200)(write);
      });
      expectRefused(ending, 401, [0, requestTimeoutMs]);
    });

    test('a GET that declares a body it trickles is answered and closed at once', async () => {
      const ending = await unwritten('GET with a trickled body', (write) => {
        write('GET /posts HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1000\r\n\r\n');
        return trickle(['x'], 200)(write);
      });
      expect(firstResponse(ending.reply).status).toBe(200);
      expect(firstResponse(ending.reply).headers.connection).toBe('close');
      expect(ending.ms).toBeLessThanOrEqual(requestTimeoutMs);
    });
  });
}
