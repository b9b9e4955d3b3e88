import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect } from 'vitest';
import { newPost } from './api.ts';
import { matrix } from './matrix.ts';
import { listeningUrl, startServer, type ServerProcess } from './process.ts';
import type { Named } from './target.ts';

export interface EntryPointTarget extends Named {
  /** Starts the app's real entry point on a free port; every start in one run sees the same data. */
  start(): Promise<ServerProcess>;
}

/** The app as users run it: a real process, over real HTTP. */
export function describeEntryPoint(target: EntryPointTarget): void {
  const { test, testIf } = matrix(target);
  const posted = newPost();
  let createdId = 0;

  describe('entry point', () => {
    test('the real entry point starts on a free port and answers a create-then-read over HTTP', async () => {
      await using server = await target.start();
      const created = await fetch(new URL('posts', server.url), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(posted),
      });
      expect(created.status).toBe(201);
      const post = (await created.json()) as { id: number };
      createdId = post.id;
      const read = await fetch(new URL(`posts/${post.id}`, server.url));
      expect(read.status).toBe(200);
      expect(await read.json()).toEqual(post);
    });

    testIf('graceful-shutdown', 'on SIGTERM it finishes the in-flight request, closes the database and exits 0', async () => {
      const server = await target.start();
      const body = JSON.stringify(newPost());
      const socket = connect(Number(server.url.port), server.url.hostname);
      const reply = new Promise<string>((resolve, reject) => {
        let text = '';
        socket.on('data', (chunk) => (text += chunk));
        socket.on('end', () => resolve(text));
        socket.on('error', reject);
      });
      // Headers and half the body: the request is in flight when the signal lands.
      socket.write(
        `POST /posts HTTP/1.1\r\nHost: ${server.url.host}\r\nContent-Type: application/json\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body.slice(0, 10)}`,
      );
      await sleep(300);
      const exitCode = server.stop('SIGTERM');
      await sleep(300);
      expect(server.child.exitCode).toBeNull(); // still draining
      socket.end(body.slice(10));
      expect(await reply).toMatch(/^HTTP\/1\.1 201 /);
      expect(await exitCode).toBe(0);
      expect(server.output()).toMatch(/"event":"stopped"/);
    });

    test('after a restart on the same data, what was written is still there', async () => {
      await using server = await target.start();
      const read = await fetch(new URL(`posts/${createdId}`, server.url));
      expect(read.status).toBe(200);
      expect(await read.json()).toMatchObject(posted);
    });
  });
}

/**
 * A server app's entry point (`src/main.ts` in `appDirectory`) under `command`,
 * on port 0 and an SQLite file that lives for the run.
 */
export function describeServerEntryPoint(adapter: string, command: string, appDirectory: URL): void {
  const dataDirectory = mkdtempSync(join(tmpdir(), `anywhere-${adapter}-e2e-`));
  afterAll(() => rmSync(dataDirectory, { recursive: true, force: true }));
  describeEntryPoint({
    adapter,
    start: () =>
      startServer({
        command,
        args: ['src/main.ts'],
        cwd: fileURLToPath(appDirectory),
        env: { PORT: '0', DATABASE_URL: `file:${join(dataDirectory, 'anywhere.db')}` },
        ready: listeningUrl,
      }),
  });
}
