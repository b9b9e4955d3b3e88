import { createApp, loadAppConfig, type DatabaseAdapter, type DatabaseTarget } from '@anywhere/core';
import { loadServerConfig } from '@anywhere/server';
import { sql } from 'drizzle-orm';
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { commitsInWal } from './group-commit.ts';
import { fixtures } from './fixtures.ts';
import { client } from './http.ts';
import { matrix } from './matrix.ts';

/** The app over a migrated `database`, logs silenced, with its client and fixtures. */
async function appOn(database: DatabaseAdapter, env: Record<string, string> = {}) {
  await database.migrate(undefined);
  const adminToken = crypto.randomUUID() + crypto.randomUUID();
  const app = createApp({ database, config: loadAppConfig({ LOG_LEVEL: 'silent', ADMIN_TOKEN: adminToken, RATE_LIMIT: '1000/1s', ...env }) });
  const api = client(async (request) => app.fetch(request));
  return { app, api, made: fixtures(api, adminToken) };
}

const titleOf = async (response: Response | Promise<Response>) => ((await (await response).json()) as { title: string }).title;

/**
 * SQLITE_SYNCHRONOUS, from the environment to the open file: the app's own
 * `openDatabase` given what the server config reads, then the pragma asked
 * of SQLite itself. And what a clean stop leaves: one file, whole.
 */
export function describeSqliteDurability(adapter: string, openDatabase: (target: DatabaseTarget) => DatabaseAdapter): void {
  const { test } = matrix({ adapter });

  /** `use` in a directory of its own, removed after; `open` opens a file in it as the server would, from DATABASE_URL and `env`. */
  async function inScratch<T>(use: (open: (file: string, env?: Record<string, string>) => DatabaseAdapter, directory: string) => Promise<T>): Promise<T> {
    const directory = mkdtempSync(join(tmpdir(), `anywhere-durability-${adapter}-`));
    try {
      return await use((file, env = {}) => openDatabase(loadServerConfig({ DATABASE_URL: `file:${join(directory, file)}`, ...env }).database), directory);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  }

  const synchronousWith = (env: Record<string, string>): Promise<unknown> =>
    inScratch(async (open) => {
      const database = open('durability.db', env);
      try {
        const [row] = await database.connect(undefined).db.values<[unknown]>(sql.raw('PRAGMA synchronous'));
        return row?.[0];
      } finally {
        await database.close();
      }
    });

  describe('SQLITE_SYNCHRONOUS', () => {
    test('unset or normal: the file runs synchronous NORMAL', async () => {
      expect(await synchronousWith({})).toBe(1);
      expect(await synchronousWith({ SQLITE_SYNCHRONOUS: 'normal' })).toBe(1);
    });

    test('full: the file runs synchronous FULL, an fsync at every commit', async () => {
      expect(await synchronousWith({ SQLITE_SYNCHRONOUS: 'full' })).toBe(2);
      expect(await synchronousWith({ SQLITE_SYNCHRONOUS: ' FULL ' })).toBe(2);
    });

    test('any other value stops the start with the variable named and the choices listed', () => {
      for (const value of ['off', 'extra', '2']) {
        expect(() => loadServerConfig({ SQLITE_SYNCHRONOUS: value })).toThrow(/Invalid configuration:\n {2}SQLITE_SYNCHRONOUS: must be normal or full/);
      }
    });
  });

  describe('closing', () => {
    test('a closed database is one file: no -wal or -shm beside it, and a copy of the file alone holds every write', () =>
      inScratch(async (open, directory) => {
        const database = open('closing.db');
        await database.migrate(undefined);
        const { db } = database.connect(undefined);
        await db.run(sql.raw('create table notes (body text)'));
        await db.run(sql`insert into notes (body) values (${'kept'})`);
        expect(await db.values(sql.raw('select body from notes'))).toEqual([['kept']]);
        await database.close();
        expect(readdirSync(directory)).toEqual(['closing.db']);

        copyFileSync(join(directory, 'closing.db'), join(directory, 'copy.db'));
        const copy = open('copy.db');
        try {
          expect(await copy.connect(undefined).db.values(sql.raw('select body from notes'))).toEqual([['kept']]);
        } finally {
          await copy.close();
        }
      }));
  });

  describe('group read', () => {
    test('GETs sent in one turn are answered together, and each sees what another process committed before it was sent', () =>
      inScratch(async (open) => {
        const database = open('reads.db');
        const otherProcess = open('reads.db');
        try {
          const { app, made } = await appOn(database);
          const { id } = await made.post(await made.author('Reader'), { status: 'published', title: 'Before' });
          const get = () => app.fetch(new Request(`http://anywhere.test/posts/${id}`));

          const sentBefore = get();
          await otherProcess.connect(undefined).db.run(sql`update posts set title = ${'After'} where id = ${id}`);
          const sentAfter = get();
          // The second was sent after the commit: it must see it, though the first of its turn was sent before.
          expect(await titleOf(sentAfter)).toBe('After');
          // The first too: the turn's reads wait for the next turn and run then, in one transaction.
          expect(await titleOf(sentBefore)).toBe('After');
        } finally {
          await otherProcess.close();
          await database.close();
        }
      }));
  });

  describe('group commit of single-statement writes', () => {
    test('DELETEs and token issues sent in one turn share one COMMIT, each with its own answer', () =>
      inScratch(async (open, directory) => {
        const database = open('grouped.db');
        try {
          const { api, made } = await appOn(database, { RATE_LIMIT_TOKEN: '1000/1s' });
          const author = await made.author('Grouped');
          const ids: number[] = [];
          for (let i = 0; i < 8; i++) ids.push((await made.post(author)).id);
          const walCommits = () => commitsInWal(join(directory, 'grouped.db'));
          await database.connect(undefined).db.run(sql.raw('PRAGMA wal_checkpoint(TRUNCATE)'));
          expect(walCommits()).toBe(0);

          // Every request started in the same turn, one of them for a post that is already gone.
          const deletes = await Promise.all([...ids, ids[0]!].map((id) => api.delete(`/posts/${id}`, { token: author.token })));
          expect(deletes.map((response) => response.status).toSorted()).toEqual([...ids.map(() => 204), 404]);
          expect(walCommits()).toBe(1);

          const issued = await Promise.all(Array.from({ length: 6 }, () => api.post('/tokens', undefined, { token: author.token })));
          expect(issued.map((response) => response.status)).toEqual(Array.from({ length: 6 }, () => 201));
          expect(walCommits()).toBe(2);
        } finally {
          await database.close();
        }
      }));
  });
}
