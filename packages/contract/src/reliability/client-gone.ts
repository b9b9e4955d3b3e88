import { DatabaseSync } from 'node:sqlite';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect } from 'vitest';
import type { ServerEntryPoint } from '../entry-point.ts';
import { matrix } from '../matrix.ts';
import { misbehave, noop } from './raw-client.ts';
import { jsonLines, runDatabase, startEntryPoint } from './server.ts';

/** What a server logged about one request, by its id. */
const linesOf = (lines: Record<string, unknown>[], requestId: string) => lines.filter((line) => line.requestId === requestId);

/** A client that leaves mid-request is internet noise: one info line, never an error; a real failure stays an error. */
export function describeClientGone(target: ServerEntryPoint): void {
  const { testUnless } = matrix(target);
  const database = runDatabase(target, 'gone');
  const adminToken = crypto.randomUUID() + crypto.randomUUID();
  const start = async () => startEntryPoint(target, { ADMIN_TOKEN: adminToken, DATABASE_URL: await database.url() });
  const head = (requestId: string, framing: string) =>
    `POST /authors HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${adminToken}\r\nContent-Type: application/json\r\nX-Request-Id: ${requestId}\r\n${framing}\r\n`;

  describe(`clients that leave (${target.runtime.name})`, { timeout: 30_000 }, () => {
    testUnless(target.unavailable, 'a client that closes mid-body is one info line with request id, method, path and body bytes; no error, no stack', async () => {
      await using server = await start();
      const sent = '{"name":"Gone","em';
      const cases = [
        { requestId: `gone-length-${crypto.randomUUID()}`, framing: 'Content-Length: 200\r\n', body: sent },
        { requestId: `gone-chunked-${crypto.randomUUID()}`, framing: 'Transfer-Encoding: chunked\r\n', body: `${sent.length.toString(16)}\r\n${sent}\r\n` },
      ];
      for (const { requestId, framing, body } of cases) {
        await misbehave(server.url, (write) => {
          write(head(requestId, framing) + body);
          return noop;
        }, 300);
      }
      await sleep(300); // the lines are written as the server notices
      const lines = jsonLines(server);
      for (const { requestId } of cases) {
        expect({ lines: linesOf(lines, requestId), output: server.output() }).toMatchObject({ lines: [
          {
            time: expect.any(String),
            level: 'info',
            event: 'client closed the connection',
            requestId,
            method: 'POST',
            path: '/authors',
            bodyBytes: sent.length,
            durationMs: expect.any(Number),
          },
        ] });
      }
      expect(lines.filter((line) => line.level === 'error')).toEqual([]);
      expect(server.output()).not.toMatch(/stack|    at /);
    });

    testUnless(target.unavailable || (target.database && 'the database is not an SQLite file this test can lock'), 'a real failure (the database locked past its busy timeout) is still an error line and a 500', async () => {
      await using server = await start();
      const file = database.sqliteFile!;
      const requestId = `locked-${crypto.randomUUID()}`;
      const lock = new DatabaseSync(file);
      lock.exec('BEGIN EXCLUSIVE');
      try {
        const response = await fetch(new URL('authors', server.url), {
          method: 'POST',
          headers: { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json', 'X-Request-Id': requestId },
          body: JSON.stringify({ name: 'Locked Out', email: `${crypto.randomUUID()}@example.com` }),
        });
        expect(response.status).toBe(500);
      } finally {
        lock.exec('ROLLBACK');
        lock.close();
      }
      await sleep(300);
      const [error] = linesOf(jsonLines(server), requestId).filter((line) => line.level === 'error');
      if (!error) expect.fail(`no error line for ${requestId}:\n${server.output()}`);
      expect(error).toMatchObject({ level: 'error', event: 'unhandled error', requestId, method: 'POST', path: '/authors' });
    });
  });
}
