import { afterAll, beforeAll, describe, expect } from 'vitest';
import type { ServerEntryPoint } from '../entry-point.ts';
import { matrix } from '../matrix.ts';
import type { ServerProcess } from '../process.ts';
import { misbehave, noop } from '../reliability/raw-client.ts';
import { runDatabase, startEntryPoint } from '../reliability/server.ts';

/** Malformed request lines a runtime's own parser answers before any app code runs (docs/reliability.md). */
export const malformedRequestLines = {
  'a space in the target': 'GET /posts x HTTP/1.1\r\nHost: localhost\r\n\r\n',
  'a NUL byte in the target': 'GET /posts\0 HTTP/1.1\r\nHost: localhost\r\n\r\n',
  'text after the version': 'GET /posts HTTP/1.1 extra\r\nHost: localhost\r\n\r\n',
  'a lowercase version': 'GET /posts http/1.1\r\nHost: localhost\r\n\r\n',
  'HTTP/1.2': 'GET /posts HTTP/1.2\r\nHost: localhost\r\n\r\n',
  'an unknown method': 'FOO /posts HTTP/1.1\r\nHost: localhost\r\n\r\n',
  'a lowercase method': 'get /posts HTTP/1.1\r\nHost: localhost\r\n\r\n',
} as const;

export type RequestLineCase = keyof typeof malformedRequestLines;

export interface RequestLinesTarget extends ServerEntryPoint {
  /** The exact bytes the runtime answers each case with ('' for a close without an answer). */
  expected: Record<RequestLineCase, string>;
  /** What a failure says: the documented behaviour changed, so the documentation must. */
  changed: string;
}

/** Pins what the runtime answers to malformed request lines, so an upgrade that changes it is noticed. */
export function describeRequestLines(target: RequestLinesTarget): void {
  const { testUnless } = matrix(target);
  const database = runDatabase(target, 'lines');
  let server: ServerProcess | undefined;

  describe(`malformed request lines (${target.runtime.name})`, () => {
    beforeAll(async () => {
      if (!target.unavailable) server = await startEntryPoint(target, { DATABASE_URL: await database.url() });
    }, 60_000);
    afterAll(() => server?.[Symbol.asyncDispose]());

    for (const [name, bytes] of Object.entries(malformedRequestLines) as [RequestLineCase, string][]) {
      const expected = target.expected[name];
      testUnless(target.unavailable, `${name} is answered by the runtime with ${expected ? JSON.stringify(expected.split('\r\n')[0]) : 'a close and no answer'}`, async () => {
        const { reply, heldOpen } = await misbehave(server!.url, (write) => {
          write(bytes);
          return noop;
        }, 3000);
        // The date changes; nothing else may.
        const answer = reply.replace(/^date: .*\r\n/im, '');
        if (heldOpen || answer !== expected) expect.fail(`${target.changed}: ${JSON.stringify(bytes)} is now answered ${heldOpen ? 'with nothing, the connection held open' : JSON.stringify(answer)}, not ${JSON.stringify(expected)}`);
      });
    }
  });
}
