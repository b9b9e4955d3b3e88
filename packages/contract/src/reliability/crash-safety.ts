import { DatabaseSync } from 'node:sqlite';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect } from 'vitest';
import type { ServerEntryPoint } from '../entry-point.ts';
import { figure } from '../figures.ts';
import { matrix } from '../matrix.ts';
import type { ServerProcess } from '../process.ts';
import { inLoops, json } from './load.ts';
import { newAuthor, runDatabase, startEntryPoint } from './server.ts';

const kills = 5;
const writers = 8;

interface Written {
  title: string;
  body: string;
}

/** Writes posts in `writers` loops until the server stops answering; each 201 is recorded as acknowledged. */
async function writeUntilKilled(url: URL, token: string, round: number, acknowledged: Map<number, Written>): Promise<void> {
  await inLoops(writers, 60_000, async (loop, i) => {
    const sent = { title: `crash ${round}-${loop}-${i}`, body: `Acknowledged before kill ${round}. ${crypto.randomUUID()}`, status: 'published', tags: ['crash'] };
    try {
      const response = await fetch(new URL('posts', url), json(token, 'POST', sent));
      if (response.status !== 201) throw new Error(`POST /posts answered ${response.status}: ${await response.text()}`);
      const { id } = (await response.json()) as { id: number };
      acknowledged.set(id, { title: sent.title, body: sent.body });
      return true;
    } catch (error) {
      if (error instanceof TypeError) return false; // the connection died with the server: that is the point
      throw error;
    }
  });
}

/** What the restarted server answers for each acknowledged post: the ones missing or changed. */
async function missingOrChanged(url: URL, acknowledged: Map<number, Written>): Promise<number[]> {
  const ids = [...acknowledged.keys()];
  const wrong: number[] = [];
  await inLoops(8, 120_000, async () => {
    const id = ids.pop();
    if (id === undefined) return false;
    const response = await fetch(new URL(`posts/${id}`, url));
    const found = response.status === 200 ? ((await response.json()) as Written) : undefined;
    const expected = acknowledged.get(id)!;
    if (found?.title !== expected.title || found.body !== expected.body) wrong.push(id);
    return true;
  });
  return wrong;
}

/** Reads the SQLite file itself, with the server stopped: its integrity and the acknowledged rows. */
function checkFile(file: string, acknowledged: Map<number, Written>) {
  const database = new DatabaseSync(file, { readOnly: true });
  try {
    const integrity = (database.prepare('pragma integrity_check').get() as { integrity_check: string }).integrity_check;
    const read = database.prepare('select title, body from posts where id = ?');
    const found = [...acknowledged].filter(([id, { title, body }]) => {
      const row = read.get(id) as Written | undefined;
      return row?.title === title && row.body === body;
    }).length;
    return { integrity, found };
  } finally {
    database.close();
  }
}

/** SIGKILL mid-write, restart on the same data, five times: every acknowledged write is still there. */
export function describeCrashSafety(target: ServerEntryPoint): void {
  const { testUnless } = matrix(target);
  const database = runDatabase(target, 'crash');
  const adminToken = crypto.randomUUID() + crypto.randomUUID();
  const start = async () => startEntryPoint(target, { ADMIN_TOKEN: adminToken, DATABASE_URL: await database.url(), LOG_LEVEL: 'error' });

  describe(`crash safety (${target.runtime.name})`, { timeout: 300_000 }, () => {
    testUnless(target.unavailable, `killed with SIGKILL mid-write ${kills} times, it restarts on the same data and every acknowledged write is there`, async () => {
      const acknowledged = new Map<number, Written>();
      let server: ServerProcess = await start();
      const author = await newAuthor(server.url, adminToken);
      let survived = 0;
      try {
        for (let round = 1; round <= kills; round++) {
          const before = acknowledged.size;
          const writing = writeUntilKilled(server.url, author.token, round, acknowledged);
          await sleep(700 + 150 * round); // mid-load, at a different moment each round
          // A starved machine may not have acknowledged a write yet: wait for one rather than kill before any.
          await expect.poll(() => acknowledged.size, { timeout: 30_000, interval: 50 }).toBeGreaterThan(before);
          expect(await server.stop('SIGKILL')).toBeNull();
          await writing;
          server = await start().catch((error: unknown) => {
            figure(target.adapter, `crash safety on ${target.runtime.name}: did not restart after kill ${round}, ${acknowledged.size} writes acknowledged so far`);
            throw error;
          });
          expect((await fetch(new URL('ready', server.url))).status).toBe(200);
          survived++;
        }
        const wrong = await missingOrChanged(server.url, acknowledged);
        const file = database.sqliteFile;
        await server.stop('SIGTERM');
        const onDisk = file ? checkFile(file, acknowledged) : undefined;
        const found = onDisk?.found ?? acknowledged.size - wrong.length;
        figure(target.adapter, `crash safety on ${target.runtime.name}: ${acknowledged.size} writes acknowledged, ${found} found, ${survived} of ${kills} SIGKILLs survived${onDisk ? `, integrity_check ${onDisk.integrity}` : ''}`);
        expect(wrong).toEqual([]);
        if (onDisk) expect(onDisk).toEqual({ integrity: 'ok', found: acknowledged.size });
      } finally {
        await server[Symbol.asyncDispose]();
      }
    });
  });
}
