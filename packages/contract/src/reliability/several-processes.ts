import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect } from 'vitest';
import type { ServerEntryPoint } from '../entry-point.ts';
import { figure } from '../figures.ts';
import { matrix } from '../matrix.ts';
import type { ServerProcess } from '../process.ts';
import { inLoops, json, newTally, send } from './load.ts';
import { exited, jsonLines, newAuthor, runDatabase, startEntryPoint } from './server.ts';

const processes = 4;

/** The pid of each worker, by index, as the primary last started it. */
const workerPids = (server: ServerProcess) => {
  const pids = new Map<number, number>();
  for (const line of jsonLines(server)) if (line.event === 'worker started') pids.set(line.worker as number, line.pid as number);
  return pids;
};

/** PROCESSES=4: workers on one port and one database, supervised by a primary. */
export function describeSeveralProcesses(target: ServerEntryPoint): void {
  const { testUnless } = matrix(target);
  const database = runDatabase(target, 'processes');
  const adminToken = crypto.randomUUID() + crypto.randomUUID();
  const start = async () => startEntryPoint(target, { PROCESSES: String(processes), ADMIN_TOKEN: adminToken, DATABASE_URL: await database.url() });

  describe(`several processes (${target.runtime.name})`, { timeout: 180_000 }, () => {
    testUnless(target.unavailable, `${processes} processes on one port and one database serve mixed concurrent reads and writes: no 5xx, no SQLITE_BUSY`, async () => {
      await using server = await start();
      const authors = await Promise.all(Array.from({ length: 4 }, () => newAuthor(server.url, adminToken)));
      const posts: number[][] = authors.map(() => []);
      const tally = newTally();
      const create = async (loop: number, i: number) => {
        const body = { title: `load ${loop}-${i}`, body: 'Written under load.', status: 'published', tags: ['load', `loop-${loop % 3}`] };
        const created = (await send(tally, new URL('posts', server.url), json(authors[loop % 4]!.token, 'POST', body), 201)) as { id: number } | undefined;
        if (created) posts[loop % 4]!.push(created.id);
      };
      await Promise.all(authors.map((_, loop) => create(loop, -1)));

      await inLoops(16, 4000, async (loop, i) => {
        const mine = posts[loop % 4]!;
        const id = mine[(i * 7) % mine.length]!;
        const kind = i % 5;
        if (kind <= 1) return create(loop, i);
        if (kind === 2) return void (await send(tally, new URL(`posts/${id}`, server.url), json(authors[loop % 4]!.token, 'PATCH', { title: `patched ${i}` }), 200));
        if (kind === 3) return void (await send(tally, new URL('posts?limit=20&tag=load', server.url), {}, 200));
        return void (await send(tally, new URL(`posts/${id}`, server.url), {}, 200));
      });
      await sleep(300); // the workers' last log lines
      const servedBy = new Set(jsonLines(server).filter((line) => line.event === 'request').map((line) => line.pid));

      figure(target.adapter, `PROCESSES=${processes} on ${target.runtime.name}: ${tally.requests} requests, ${tally.failures.length} errors (5xx, SQLITE_BUSY or no answer), served by ${servedBy.size} processes`);
      expect(tally.failures).toEqual([]);
      expect(tally.requests).toBeGreaterThan(100);
      expect(servedBy.size).toBeGreaterThanOrEqual(2);
    });

    testUnless(target.unavailable, 'a worker killed with SIGKILL is replaced; SIGTERM to the primary stops every worker and exits 0', async () => {
      await using server = await start();
      await expect.poll(() => workerPids(server).size).toBe(processes);
      const before = workerPids(server);
      process.kill(before.get(1)!, 'SIGKILL');
      await expect.poll(() => workerPids(server).get(1), { timeout: 10_000 }).not.toBe(before.get(1));
      const replaced = workerPids(server).get(1)!;
      const listening = () => jsonLines(server).filter((line) => line.event === 'worker listening' && line.worker === 1).length;
      await expect.poll(listening, { timeout: 10_000 }).toBe(2);
      for (let i = 0; i < 8; i++) expect((await fetch(new URL('health', server.url))).status).toBe(200);

      expect(await server.stop('SIGTERM')).toBe(0);
      for (const pid of [...before.values(), replaced]) expect(exited(pid)).toBe(true);
      expect(server.output()).toMatch(/"event":"worker crashed: restarting it","worker":1/);
    });

    testUnless(target.unavailable, 'when the primary is killed with SIGKILL, its workers stop too', async () => {
      await using server = await start();
      await expect.poll(() => workerPids(server).size).toBe(processes);
      const pids = [...workerPids(server).values()];
      await server.stop('SIGKILL');
      await expect.poll(() => pids.filter((pid) => !exited(pid)), { timeout: 10_000 }).toEqual([]);
    });
  });
}

/** PGlite is one process: more is refused at start, with the reason. */
export function describeOneProcessOnly(target: ServerEntryPoint & { database: NonNullable<ServerEntryPoint['database']> }): void {
  const { test } = matrix(target);
  const database = runDatabase(target, 'one-process');
  test(`PROCESSES=2 on ${target.adapter} is refused at start, naming the variable and why`, async () => {
    const refused = startEntryPoint(target, { PROCESSES: '2', DATABASE_URL: await database.url() });
    await expect(refused).rejects.toThrow(/exited with 1[\s\S]*PROCESSES: PGlite is one process/);
  });
}
