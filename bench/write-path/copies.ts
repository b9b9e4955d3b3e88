// Fresh copies of one migrated SQLite file, each opened on a runtime's own
// adapter: every measurement starts from the same empty database.
import type { DatabaseAdapter } from '@anywhere/core';
import type { SyncConnection } from '@anywhere/core/group-commit';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Opened } from './requests.ts';

type SqliteAdapter = (path: string, options?: { synchronous?: 'normal' | 'full' }) => DatabaseAdapter;

export async function migratedCopies(createAdapter: SqliteAdapter) {
  const directory = mkdtempSync(join(tmpdir(), 'anywhere-write-path-'));
  const template = join(directory, 'template.db');
  const migrated = createAdapter(template);
  await migrated.migrate(undefined);
  // Closed, the file holds everything (no -wal beside it): the copies take the file alone.
  await migrated.close();
  let copies = 0;
  return {
    /** The app's own adapter on a fresh copy; a measurement builds its Database over the adapter's Drizzle and client. */
    open(synchronous: 'normal' | 'full' = 'normal'): Opened {
      const path = join(directory, `copy-${++copies}.db`);
      copyFileSync(template, path);
      const adapter = createAdapter(path, { synchronous });
      const { db } = adapter.connect(undefined);
      return { db, client: (db as unknown as { $client: SyncConnection }).$client, close: () => void adapter.close() };
    },
    dispose: () => rmSync(directory, { recursive: true, force: true }),
  };
}
