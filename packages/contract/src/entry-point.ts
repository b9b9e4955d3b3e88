import { createClient } from '@anywhere/core/client';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { operations } from './api/operations.ts';
import { browserMissing, launchChromium } from './browser.ts';
import { newPost } from './fixtures.ts';
import { matrix } from './matrix.ts';
import { listeningUrl, startServer, type ServerProcess } from './process.ts';
import type { Named } from './target.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const run = promisify(execFile);

/** The bash block after a `<!-- marker: … -->` comment in one of the repository's Markdown files. */
const markedBlock = (file: string, marker: string) =>
  new RegExp(`<!-- ${marker}[^>]*-->\\s*\`\`\`bash\\n([\\s\\S]*?)\`\`\``).exec(readFileSync(join(root, file), 'utf8'))?.[1];
/** The README's 30-second tour, and the full curl walkthrough in docs/api.md. */
const tour = markedBlock('README.md', 'tour');
const walkthrough = markedBlock('docs/api.md', 'walkthrough');
const curlMissing = ['/usr/bin/curl', '/bin/curl', '/usr/local/bin/curl'].some((path) => existsSync(path))
  ? undefined
  : 'no curl on this machine';

export interface EntryPointTarget extends Named {
  /** What runs the entry point: bun, node, wrangler dev. */
  runtime: string;
  /** Starts the app's real entry point on a free port, with `adminToken`; every start in one run sees the same data. */
  start(): Promise<ServerProcess>;
  adminToken: string;
  /** Why this cannot run here (no server to connect to); every test is then skipped with it. */
  unavailable?: string | undefined;
  /** Whether to check /docs in a browser: once per runtime is enough, the page does not depend on the database. */
  browser?: boolean;
}

/** The app as users run it: a real process, over real HTTP, driven by the typed client and a real browser. */
export function describeEntryPoint(target: EntryPointTarget): void {
  const { test, testIf, testUnless } = matrix(target);
  const posted = newPost();
  let createdId = 0;

  if (target.unavailable) {
    testUnless(target.unavailable, `entry point (${target.runtime})`, () => {});
    return;
  }

  describe(`entry point (${target.runtime})`, () => {
    // One running server for the tests that do not stop or restart it (starting wrangler dev takes seconds).
    let server: ServerProcess;
    beforeAll(async () => {
      server = await target.start();
    });
    afterAll(() => server?.[Symbol.asyncDispose]());

    test('the real entry point starts on a free port and answers a create-then-read through the typed client', async () => {
      const admin = createClient(server.url, { token: target.adminToken });
      const created = await admin.authors.$post({ json: { name: 'Entry Point', email: `${crypto.randomUUID()}@example.com` } });
      expect(created.status).toBe(201);
      const { token } = await created.json();
      const author = createClient(server.url, { token });
      const response = await author.posts.$post({ json: { title: posted.title, body: posted.body, status: 'published' } });
      expect(response.status).toBe(201);
      const post = await response.json();
      createdId = post.id;
      const read = await createClient(server.url).posts[':id'].$get({ param: { id: String(post.id) } });
      expect(read.status).toBe(200);
      expect(await read.json()).toEqual(post);
    });

    test('it logs one JSON line per request: method, path, status, duration and request id', async () => {
      const requestId = `e2e-${crypto.randomUUID()}`;
      const response = await fetch(new URL('posts?limit=1', server.url), { headers: { 'X-Request-Id': requestId } });
      expect(response.status).toBe(200);
      await sleep(200); // the line is written as the response leaves
      const line = server
        .output()
        .split('\n')
        .map((text) => text.slice(text.indexOf('{')))
        .find((text) => text.includes(requestId));
      // Undefined shows the whole output instead.
      expect(line ?? server.output()).toContain('"event":"request"');
      expect(JSON.parse(line!)).toMatchObject({
        level: 'info',
        event: 'request',
        method: 'GET',
        path: '/posts',
        status: 200,
        durationMs: expect.any(Number),
        requestId,
      });
    });

    test('no token it is sent reaches its output: a valid, a bad, a revoked and the admin token', async () => {
      const mark = server.output().length;
      const call = (path: string, token: string, method = 'GET', body?: unknown) =>
        fetch(new URL(path, server.url), {
          method,
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      const created = await call('authors', target.adminToken, 'POST', { name: 'Secret Keeper', email: `${crypto.randomUUID()}@example.com` });
      const { token } = (await created.json()) as { token: string };
      const { token: revoked } = (await (await call('tokens', token, 'POST')).json()) as { token: string };
      expect((await call('tokens/current', revoked, 'DELETE')).status).toBe(204);
      const tokens = [token, `aw_${'x'.repeat(55)}`, revoked, target.adminToken];
      for (const sent of tokens) {
        for (const each of [sent, `${sent} trailing`]) {
          await call('posts?limit=1', each);
          await call('posts', each, 'POST', newPost());
          await call('posts/999999', each, 'DELETE');
          await call('authors', each, 'POST', { name: 'Probe', email: 'probe@example.com' });
          await call('tokens', each, 'POST');
        }
      }
      await sleep(300); // lines are written as responses leave
      const output = server.output().slice(mark);
      expect(output).toContain('"event":"request"');
      for (const sent of tokens) {
        expect(output).not.toContain(sent);
        expect(output).not.toContain(sent.slice(-43)); // the secret part alone
      }
    });

    if (target.browser !== false) testUnless(browserMissing, 'GET /docs renders offline in Chromium and lists every operation', async () => {
      const browser = await launchChromium();
      try {
        const page = await browser.newPage();
        const elsewhere: string[] = [];
        const errors: string[] = [];
        page.on('request', (request) => {
          if (new URL(request.url()).origin !== server.url.origin) elsewhere.push(request.url());
        });
        page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
        page.on('pageerror', (error) => errors.push(error.message));
        const response = await page.goto(new URL('docs', server.url).href);
        expect(response?.status()).toBe(200);
        expect(await page.title()).toMatch(/API reference/);
        const headings = await page.locator('section.operation h2').allTextContents();
        expect(headings.map((text) => text.replaceAll(/\s+/g, ' ').trim().toUpperCase()).toSorted()).toEqual(
          operations.map((operation) => operation.toUpperCase()).toSorted(),
        );
        await expect.poll(() => page.locator('nav li').count()).toBe(operations.length);
        const results = join(root, '.test-results');
        mkdirSync(results, { recursive: true });
        await page.screenshot({ path: join(results, `docs-${target.adapter}.png`), fullPage: false });
        expect(elsewhere).toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        await browser.close();
      }
    });

    testUnless(curlMissing, "docs/api.md's curl walkthrough works as written", async () => {
      expect(walkthrough).toBeDefined();
      const { stdout } = await run('bash', ['-c', `set -euo pipefail\n${walkthrough}`], {
        env: { ...process.env, API: server.url.origin, ADMIN_TOKEN: target.adminToken },
      });
      const statuses = [...stdout.matchAll(/^HTTP\/[\d.]+ (\d{3})/gm)].map((match) => Number(match[1]));
      // read, PATCH with the ETag, the same ETag again, bad input, no token, revoke, the revoked token
      expect(statuses).toEqual([200, 200, 412, 422, 401, 204, 401]);
      expect(stdout).toContain('"title":"Hello again"');
      expect(stdout).toContain('"tags":["hono","sqlite"]');
      expect(stdout).toMatch(/"items":\[\{"name":"hono","posts":1\}/);
    });

    // After the walkthrough, whose tag counts it would otherwise join.
    testUnless(curlMissing, "the README's 30-second tour works as written", async () => {
      expect(tour).toBeDefined();
      const { stdout } = await run('bash', ['-c', `set -euo pipefail\n${tour}`], {
        env: { ...process.env, API: server.url.origin, ADMIN_TOKEN: target.adminToken },
      });
      const statuses = [...stdout.matchAll(/^HTTP\/[\d.]+ (\d{3})/gm)].map((match) => Number(match[1]));
      // the post created, the bad input refused
      expect(statuses).toEqual([201, 422]);
      expect(stdout).toMatch(/^location: \/posts\/\d+/im);
      expect(stdout).toMatch(/^etag: "/im);
      expect(stdout).toMatch(/"items":\[\{"id":\d+,"title":"First"[^\]]*"tags":\["intro"\]/);
      expect(stdout).toContain('"path":"/body"');
    });

    test('pnpm seed fills its database through the API and prints a working token', async () => {
      const { stdout } = await run(process.execPath, ['scripts/seed.ts', '--url', server.url.href, '--authors', '2', '--posts', '3'], {
        cwd: root,
        env: { ...process.env, ADMIN_TOKEN: target.adminToken },
      });
      const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as { authors: { id: number; token: string }[]; posts: number };
      expect(result.authors).toHaveLength(2);
      expect(result.posts).toBe(6);
      const [first] = result.authors;
      const mine = await createClient(server.url, { token: first!.token }).posts.$get({ query: { authorId: String(first!.id) } });
      expect(mine.status).toBe(200);
      expect((await mine.json()).items).toHaveLength(3);
    });

    testIf('graceful-shutdown', 'on SIGTERM it finishes the in-flight request, closes the database and exits 0', async () => {
      await server[Symbol.asyncDispose](); // one process on the data at a time
      const stopping = await target.start();
      const body = JSON.stringify({ name: 'In Flight', email: `${crypto.randomUUID()}@example.com` });
      const socket = connect(Number(stopping.url.port), stopping.url.hostname);
      const reply = new Promise<string>((resolve, reject) => {
        let text = '';
        socket.on('data', (chunk) => (text += chunk));
        socket.on('end', () => resolve(text));
        socket.on('error', reject);
      });
      // Headers and half the body: the request is in flight when the signal lands.
      socket.write(
        `POST /authors HTTP/1.1\r\nHost: ${stopping.url.host}\r\nAuthorization: Bearer ${target.adminToken}\r\n` +
          `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n` +
          body.slice(0, 10),
      );
      await sleep(300);
      const exitCode = stopping.stop('SIGTERM');
      await sleep(300);
      expect(stopping.child.exitCode).toBeNull(); // still draining
      socket.write(body.slice(10)); // not end(): a half-closed socket aborts the request on Node
      expect(await reply).toMatch(/^HTTP\/1\.1 201 /);
      expect(await exitCode).toBe(0);
      expect(stopping.output()).toMatch(/"event":"stopped"/);
    });

    test('after a restart on the same data, what was written is still there', async () => {
      await server[Symbol.asyncDispose]();
      await using restarted = await target.start();
      const read = await fetch(new URL(`posts/${createdId}`, restarted.url));
      expect(read.status).toBe(200);
      expect(await read.json()).toMatchObject({ title: posted.title, body: posted.body });
    });
  });
}

export interface ServerEntryPoint {
  adapter: string;
  /** The runtime's own binary (not a node_modules/.bin shim, so signals reach the server). */
  runtime: { name: string; command: string };
  /** The app's folder, holding src/main.ts. */
  app: URL;
  /** The DATABASE_URL for the run, made before the first start and dropped after; an SQLite file when absent. */
  database?: (directory: string) => Promise<{ url: string; drop?(): Promise<void> }>;
  unavailable?: string | undefined;
}

/** A server app's real entry point, on port 0, a database that lives for the run, and a fresh admin token. */
export function describeServerEntryPoint({ adapter, runtime, app, database, unavailable }: ServerEntryPoint): void {
  // The runtime's own SQLite adapter checks /docs in the browser; its Postgres runs need not repeat it.
  const directory = mkdtempSync(join(tmpdir(), `anywhere-${runtime.name}-${adapter}-e2e-`));
  const adminToken = crypto.randomUUID() + crypto.randomUUID();
  const open = database ?? (async (folder: string) => ({ url: `file:${join(folder, 'anywhere.db')}` }));
  let opened: Promise<{ url: string; drop?(): Promise<void> }> | undefined;
  afterAll(async () => {
    await (await opened)?.drop?.();
    rmSync(directory, { recursive: true, force: true });
  });
  describeEntryPoint({
    adapter,
    runtime: runtime.name,
    adminToken,
    unavailable,
    browser: database === undefined,
    start: async () =>
      startServer({
        command: runtime.command,
        args: ['src/main.ts'],
        cwd: fileURLToPath(app),
        env: { PORT: '0', ADMIN_TOKEN: adminToken, DATABASE_URL: (await (opened ??= open(directory))).url },
        ready: listeningUrl,
      }),
  });
}
