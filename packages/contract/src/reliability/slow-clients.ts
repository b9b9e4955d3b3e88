import { describe, expect } from 'vitest';
import type { ServerEntryPoint } from '../entry-point.ts';
import { figure } from '../figures.ts';
import { matrix } from '../matrix.ts';
import { misbehave, noop, trickle, type Ending } from './raw-client.ts';
import { runDatabase, startEntryPoint } from './server.ts';

// Small limits, so each case ends in seconds; the bound leaves room for a loaded machine.
const headersTimeoutMs = 2000;
const defaultBoundMs = 8000;

export interface SlowClientsTarget extends ServerEntryPoint {
  /** The runtime closes unfinished headers itself, at a limit HEADERS_TIMEOUT_MS does not change: the bound to allow, and why. */
  fixedHeadersLimit?: { boundMs: number; why: string };
}

/** HEADERS_TIMEOUT_MS: a client that sends its headers slowly or not at all cannot hold a connection (bodies: slow-bodies.ts). */
export function describeSlowClients(target: SlowClientsTarget): void {
  const { test } = matrix(target);
  const database = runDatabase(target, 'slow');
  const adminToken = crypto.randomUUID() + crypto.randomUUID();
  const start = async () =>
    startEntryPoint(target, {
      ADMIN_TOKEN: adminToken,
      DATABASE_URL: await database.url(),
      HEADERS_TIMEOUT_MS: String(headersTimeoutMs),
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
  });
}
