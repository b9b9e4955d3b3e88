// node write-path/requests-node.ts [variant names…]: write requests in-process on better-sqlite3 (see requests.ts).
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SyncConnection } from '@anywhere/core/group-commit';
import { createBetterSqliteAdapter } from '../../apps/node/src/database.ts';
import { sha256Hex } from '../../apps/node/src/native.ts';
import { measureAll, print, variants } from './requests.ts';

const directory = mkdtempSync(join(tmpdir(), 'anywhere-write-requests-'));
const template = join(directory, 'template.db');
const migrated = createBetterSqliteAdapter(template);
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
  const adapter = createBetterSqliteAdapter(path, { synchronous });
  const { db } = adapter.connect(undefined);
  return { db, client: (db as unknown as { $client: SyncConnection }).$client, close: () => void adapter.close() };
};

const names = process.argv.slice(2);
print('node', await measureAll(open, { sha256Hex }, names.length ? variants.filter((v) => names.some((name) => v.name.startsWith(name))) : variants));
rmSync(directory, { recursive: true, force: true });
