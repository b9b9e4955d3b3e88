import { createApp, loadAppConfig, type DatabaseAdapter, type DatabaseTarget } from '@anywhere/core';
import { loadServerConfig } from '@anywhere/server';
import { sql } from 'drizzle-orm';
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { commitsInWal } from './group-commit.ts';
import { matrix } from './matrix.ts';

/**
 * SQLITE_SYNCHRONOUS, from the environment to the open file: the app's own
 * `openDatabase` given what the server config reads, then the pragma asked
 * of SQLite itself. And what a clean stop leaves: one file, whole.
 */
export function describeSqliteDurability(adapter: string, openDatabase: (target: DatabaseTarget) => DatabaseAdapter): void {
  const { test } = matrix({ adapter });

  async function synchronousWith(env: Record<string, string>): Promise<unknown> {
    const directory = mkdtempSync(join(tmpdir(), `anywhere-durability-${adapter}-`));
    const database = openDatabase(loadServerConfig({ DATABASE_URL: `file:${join(directory, 'durability.db')}`, ...env }).database);
    try {
      const [row] = await database.connect(undefined).db.values<[unknown]>(sql.raw('PRAGMA synchronous'));
      return row?.[0];
    } finally {
      await database.close();
      rmSync(directory, { recursive: true, force: true });
    }
  }

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
    test('a closed database is one file: no -wal or -shm beside it, and a copy of the file alone holds every write', async () => {
      const directory = mkdtempSync(join(tmpdir(), `anywhere-closing-${adapter}-`));
      const open = (file: string) => openDatabase(loadServerConfig({ DATABASE_URL: `file:${join(directory, file)}` }).database);
      try {
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
      } finally {
        rmSync(directory, { recursive: true, force: true });
      }
    });
  });

  describe('group commit of single-statement writes', () => {
    test('DELETEs and token issues sent in one turn share one COMMIT, each with its own answer', async () => {
      const directory = mkdtempSync(join(tmpdir(), `anywhere-grouped-${adapter}-`));
      const file = join(directory, 'grouped.db');
      const database = openDatabase(loadServerConfig({ DATABASE_URL: `file:${file}` }).database);
      try {
        await database.migrate(undefined);
        const adminToken = crypto.randomUUID() + crypto.randomUUID();
        const app = createApp({ database, config: loadAppConfig({ LOG_LEVEL: 'silent', ADMIN_TOKEN: adminToken, RATE_LIMIT: '1000/1s', RATE_LIMIT_TOKEN: '1000/1s' }) });
        const call = (method: string, path: string, token: string, body?: unknown) =>
          app.fetch(
            new Request(`http://localhost${path}`, {
              method,
              headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
              body: body === undefined ? null : JSON.stringify(body),
            }),
          );
        const author = (await (await call('POST', '/authors', adminToken, { name: 'Grouped', email: 'grouped@example.com' })).json()) as { token: string };
        const ids: number[] = [];
        for (let i = 0; i < 8; i++) {
          ids.push(((await (await call('POST', '/posts', author.token, { title: `Post ${i}`, body: 'Body.' })).json()) as { id: number }).id);
        }
        const walCommits = () => commitsInWal(file);
        await database.connect(undefined).db.run(sql.raw('PRAGMA wal_checkpoint(TRUNCATE)'));
        expect(walCommits()).toBe(0);

        // Every request started in the same turn, one of them for a post that is already gone.
        const deletes = await Promise.all([...ids, ids[0]!].map((id) => call('DELETE', `/posts/${id}`, author.token)));
        expect(deletes.map((response) => response.status).toSorted()).toEqual([...ids.map(() => 204), 404]);
        expect(walCommits()).toBe(1);

        const issued = await Promise.all(Array.from({ length: 6 }, () => call('POST', '/tokens', author.token)));
        expect(issued.map((response) => response.status)).toEqual(Array.from({ length: 6 }, () => 201));
        expect(walCommits()).toBe(2);
      } finally {
        await database.close();
        rmSync(directory, { recursive: true, force: true });
      }
    });
  });
}
