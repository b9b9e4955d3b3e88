// bun write-path/requests-bun.ts [variant names…]: write requests in-process on bun:sqlite (see requests.ts).
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SyncConnection } from '@anywhere/core/group-commit';
import { createBunSqliteAdapter } from '../../apps/bun/src/database.ts';
import * as native from '../../apps/bun/src/native.ts';
import { measureAll, print, variants } from './requests.ts';

const directory = mkdtempSync(join(tmpdir(), 'anywhere-write-requests-'));
const template = join(directory, 'template.db');
const migrated = createBunSqliteAdapter(template);
await migrated.migrate(undefined);
// Into the main file: the copies below take the file alone, not its WAL.
(migrated.connect(undefined).db as unknown as { $client: { exec(sql: string): unknown } }).$client.exec('PRAGMA wal_checkpoint(TRUNCATE)');
await migrated.close();

let copies = 0;
const synchronous = process.env.SQLITE_SYNCHRONOUS === 'full' ? 'full' : 'normal';
/** The app's own adapter on a fresh copy; each variant builds its Database over the adapter's Drizzle and client. */
const open = () => {
  const path = join(directory, `copy-${++copies}.db`);
  copyFileSync(template, path);
  const adapter = createBunSqliteAdapter(path, { synchronous });
  const { db } = adapter.connect(undefined);
  return { db, client: (db as unknown as { $client: SyncConnection }).$client, close: () => void adapter.close() };
};

const names = process.argv.slice(2);
print('bun', await measureAll(open, native, names.length ? variants.filter((v) => names.some((name) => v.name.startsWith(name))) : variants));
rmSync(directory, { recursive: true, force: true });
