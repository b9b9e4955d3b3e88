import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect } from 'vitest';
import { figure } from './figures.ts';
import { matrix } from './matrix.ts';
import { freePort, listeningUrl, startServer, type ServerProcess } from './process.ts';
import { testRedisUrl } from './redis-server.ts';

export interface ServerRateLimits {
  adapter: string;
  /** The runtime's own binary, as for the entry point tests. */
  runtime: { name: string; command: string };
  /** The app's folder, holding src/main.ts. */
  app: URL;
  /** Why there is no Redis here; the shared-store test is then skipped with it. */
  noRedis: string | undefined;
}

/** Rate limits on the real server: the socket's own address, and one count shared by several processes through Redis. */
export function describeServerRateLimits({ adapter, runtime, app, noRedis }: ServerRateLimits): void {
  const { test, testUnless } = matrix({ adapter });
  const directory = mkdtempSync(join(tmpdir(), `anywhere-${runtime.name}-limits-`));
  const adminToken = crypto.randomUUID() + crypto.randomUUID();
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  const start = (name: string, env: Record<string, string>) =>
    startServer({
      command: runtime.command,
      args: ['src/main.ts'],
      cwd: fileURLToPath(app),
      env: { PORT: '0', ADMIN_TOKEN: adminToken, DATABASE_URL: `file:${join(directory, `${name}.db`)}`, ...env },
      ready: listeningUrl,
    });

  const newAuthorToken = async (server: ServerProcess) => {
    const response = await fetch(new URL('authors', server.url), {
      method: 'POST',
      headers: { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Limited', email: `${crypto.randomUUID()}@example.com` }),
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { token: string }).token;
  };

  describe(`rate limits on the server (${runtime.name})`, () => {
    test('RATE_LIMIT counts the address the connection comes from', async () => {
      await using server = await start('address', { RATE_LIMIT: '3/10m' });
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await fetch(new URL('tags', server.url))).status);
      const refused = await fetch(new URL('posts', server.url));
      expect(statuses).toEqual([200, 200, 200, 429]);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThanOrEqual(1);
      expect((await fetch(new URL('health', server.url))).status).toBe(200);
    });

    testUnless(noRedis, 'several processes sharing RATE_LIMIT_REDIS_URL allow exactly the limit between them', async () => {
      const limit = 20;
      const env = {
        RATE_LIMIT: 'off',
        RATE_LIMIT_TOKEN: `${limit}/10m`,
        RATE_LIMIT_REDIS_URL: testRedisUrl,
        // This run's own keys: other runs on the same Redis count apart, and these expire with their buckets.
        RATE_LIMIT_REDIS_PREFIX: `anywhere-test:${crypto.randomUUID()}:`,
      };
      // One after another, so the first has migrated the shared file before the others open it.
      const servers: ServerProcess[] = [];
      try {
        for (let i = 0; i < 3; i++) servers.push(await start('shared', env));
        const token = await newAuthorToken(servers[0]!);
        const sent = limit * 3;
        const statuses = await Promise.all(
          Array.from({ length: sent }, async (_, i) => {
            const response = await fetch(new URL('posts?limit=1', servers[i % servers.length]!.url), { headers: { Authorization: `Bearer ${token}` } });
            await response.arrayBuffer();
            return response.status;
          }),
        );
        const allowed = statuses.filter((status) => status === 200).length;
        figure(adapter, `rate limit shared through Redis: ${allowed} of ${sent} requests allowed across ${servers.length} processes (RATE_LIMIT_TOKEN=${limit}/10m)`);
        expect(statuses.filter((status) => status !== 200 && status !== 429)).toEqual([]);
        expect(allowed).toBe(limit);
      } finally {
        await Promise.all(servers.map((server) => server[Symbol.asyncDispose]()));
      }
    });

    test('with its Redis unreachable, requests pass and the outage is logged once, not per request', async () => {
      await using server = await start('no-redis', {
        RATE_LIMIT_TOKEN: '1/10m',
        RATE_LIMIT_REDIS_URL: `redis://127.0.0.1:${await freePort()}`,
      });
      const token = await newAuthorToken(server);
      for (let i = 0; i < 3; i++) {
        expect((await fetch(new URL('posts', server.url), { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
      }
      await new Promise((resolve) => setTimeout(resolve, 200)); // log lines are written once per turn of the event loop
      expect(server.output().match(/rate limit store failed/g)).toHaveLength(1);
      expect(server.output()).not.toContain(token);
    });
  });
}
