// Several machines, simulated on one: the API containers of compose.yaml's
// api service (its replicas, each with its PROCESSES), on this machine's
// PostgreSQL and Redis, which stand in for the compose file's own services.
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { figure } from '../figures.ts';
import { matrix } from '../matrix.ts';
import { createTestDatabase, type TestDatabase } from '../postgres-server.ts';
import { freePort } from '../process.ts';
import { testRedisUrl } from '../redis-server.ts';
import { json } from '../reliability/load.ts';
import { newAuthor } from '../reliability/server.ts';
import { readComposeService } from './compose.ts';
import { healthy, runContainer, type Container } from './container.ts';

export interface SeveralMachines {
  composeFile: string;
  /** Why it cannot run here (no Docker, PostgreSQL or Redis); its tests are then skipped with it. */
  unavailable: string | undefined;
  /** Builds the image compose.yaml names (under this run's own tag) and resolves with that tag. */
  image: () => Promise<string>;
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

export function describeSeveralMachines({ composeFile, unavailable, image }: SeveralMachines): void {
  const { testUnless } = matrix({ adapter: 'container' });
  const adminToken = crypto.randomUUID() + crypto.randomUUID();
  const limit = 20;
  const service = readComposeService(composeFile, 'api', { ADMIN_TOKEN: adminToken, POSTGRES_PASSWORD: 'replaced-below' });
  let database: TestDatabase | undefined;
  let machines: Container[] = [];

  describe(`${service.replicas} API containers from compose.yaml (PROCESSES=${service.environment.PROCESSES} each) on one PostgreSQL and one Redis`, () => {
    beforeAll(async () => {
      if (unavailable) return;
      // The image it names, as pnpm build:image makes it: the Dockerfile's SQLite target.
      expect(service).toMatchObject({ image: 'anywhere:local', buildTarget: 'sqlite' });
      const built = await image();
      database = await createTestDatabase('container');
      // Only what exists inside Compose's own network changes: its postgres and redis hosts are this machine's servers.
      const env = {
        ...service.environment,
        DATABASE_URL: database.url,
        RATE_LIMIT_REDIS_URL: testRedisUrl,
        RATE_LIMIT_REDIS_PREFIX: `anywhere-test:${crypto.randomUUID()}:`,
        RATE_LIMIT_TOKEN: `${limit}/10m`,
      };
      // All at once, as machines boot: the migrations run under PostgreSQL's advisory lock.
      machines = await Promise.all(
        Array.from({ length: service.replicas }, async () =>
          runContainer({ image: built, port: await freePort(), env, readOnly: service.readOnly, healthInterval: '1s' }),
        ),
      );
    }, 240_000);
    afterAll(async () => {
      await Promise.all(machines.map((machine) => machine[Symbol.asyncDispose]()));
      await database?.drop();
    });

    testUnless(unavailable, 'every container is healthy by its image HEALTHCHECK and runs its PROCESSES as workers', async () => {
      expect(service.replicas).toBeGreaterThanOrEqual(2);
      expect(service.waitsForHealthy.toSorted()).toEqual(['postgres', 'redis']);
      for (const machine of machines) {
        await healthy(machine);
        // The primary says it listens once every worker does, which may be after the first one answers.
        await expect.poll(() => machine.logs(), { timeout: 60_000, interval: 250 }).toContain(`"processes":${service.environment.PROCESSES}`);
      }
      figure('container', `${machines.length} API containers on PostgreSQL and Redis: ${machines.map((m) => Math.round(m.startMs)).join(' and ')} ms from docker run to a 200`);
    }, 90_000);

    testUnless(unavailable, 'a write through one container is read through the other at once', async () => {
      const [one, other] = machines as [Container, Container];
      const author = await newAuthor(one.url, adminToken);
      const created = await fetch(new URL('posts', one.url), json(author.token, 'POST', { title: 'Written on one', body: 'Read on the other.', status: 'published' }));
      expect(created.status).toBe(201);
      const post = (await created.json()) as { id: number };
      const read = await fetch(new URL(`posts/${post.id}`, other.url));
      expect(read.status).toBe(200);
      expect(await read.json()).toEqual(post);
    });

    testUnless(unavailable, 'a token revoked through one container is refused by the other on the next request', async () => {
      const [one, other] = machines as [Container, Container];
      const author = await newAuthor(one.url, adminToken);
      expect((await fetch(new URL('tokens', other.url), { method: 'POST', headers: bearer(author.token) })).status).toBe(201);
      expect((await fetch(new URL('tokens/current', one.url), { method: 'DELETE', headers: bearer(author.token) })).status).toBe(204);
      const refused = await fetch(new URL('tokens', other.url), { method: 'POST', headers: bearer(author.token) });
      expect(refused.status).toBe(401);
    });

    testUnless(unavailable, `the rate limit is shared: RATE_LIMIT_TOKEN=${limit}/10m allows ${limit} requests across every container, not ${limit} each`, async () => {
      const author = await newAuthor(machines[0]!.url, adminToken);
      const sent = limit * 3;
      // A few at a time, to every container and over several connections (so to each of its processes): the point
      // is who counts, and a burst that starves this shared machine would only test the limiter's 250 ms deadline.
      const statuses: number[] = [];
      for (let i = 0; i < sent; i += 6) {
        const wave = Array.from({ length: Math.min(6, sent - i) }, async (_, j) => {
          const response = await fetch(new URL('posts?limit=1', machines[(i + j) % machines.length]!.url), { headers: bearer(author.token) });
          await response.arrayBuffer();
          return response.status;
        });
        statuses.push(...(await Promise.all(wave)));
      }
      const allowed = statuses.filter((status) => status === 200).length;
      figure('container', `rate limit shared through Redis: ${allowed} of ${sent} requests allowed across ${machines.length} containers × ${service.environment.PROCESSES} processes`);
      expect(statuses.filter((status) => status !== 200 && status !== 429)).toEqual([]);
      // A process whose Redis call fails lets the request pass (and says so once in its log): name it if that happened.
      const storeFailures = machines.flatMap((machine) => machine.logs().split('\n').filter((line) => line.includes('rate limit store')));
      expect({ allowed, storeFailures }).toEqual({ allowed: limit, storeFailures: expect.any(Array) });
    });

    testUnless(unavailable, 'killing one container loses no acknowledged write; the other keeps serving, then stops with 0 on docker stop', async () => {
      const [victim, survivor] = machines as [Container, Container];
      // Several authors: each token stays under its own rate limit.
      const authors = await Promise.all(Array.from({ length: 4 }, () => newAuthor(survivor.url, adminToken)));
      const acknowledged: unknown[] = [];
      const killed = new AbortController();
      const writer = async (token: string) => {
        for (let i = 0; i < limit - 2 && !killed.signal.aborted; i++) {
          const response = await fetch(new URL('posts', victim.url), json(token, 'POST', { title: `Acknowledged ${i}`, body: 'Before the kill.', status: 'published' })).catch(() => undefined);
          if (response?.status === 201) acknowledged.push(await response.json());
          else if (response) expect(response.status).toBe(201);
        }
      };
      const writing = Promise.all(authors.map((author) => writer(author.token)));
      await expect.poll(() => acknowledged.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(8);
      await victim.kill();
      killed.abort();
      await writing;

      for (const post of acknowledged as { id: number }[]) {
        const read = await fetch(new URL(`posts/${post.id}`, survivor.url));
        expect(read.status).toBe(200);
        expect(await read.json()).toEqual(post);
      }
      const after = await newAuthor(survivor.url, adminToken);
      const write = await fetch(new URL('posts', survivor.url), json(after.token, 'POST', { title: 'After the kill', body: 'The survivor serves.', status: 'published' }));
      expect(write.status).toBe(201);
      // Its primary stops both workers and itself on docker stop's SIGTERM, in time.
      expect((await survivor.stop(service.stopGraceSeconds)).exitCode).toBe(0);
      figure('container', `one of two containers killed mid-write: ${acknowledged.length} acknowledged writes, all read back through the other`);
    }, 90_000);
  });
}
