import BetterSqlite from 'better-sqlite3';
import { open, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SnapshotFiles } from '@anywhere/server/backup';
import { filePragmas, syncDatabase } from '@anywhere/core/sync-sqlite';
import { drizzle } from 'drizzle-orm/better-sqlite3';

/**
 * An SQLite file opened without the app's settings and without migrating:
 * a backup changes neither the live file nor its copy. It waits for a lock
 * rather than failing; in WAL mode only a checkpoint or a recovery can hold
 * one against a reader, and never for long.
 */
export function openSqliteFile(path: string, { readonly }: { readonly: boolean }) {
  const client = new BetterSqlite(path, { readonly, fileMustExist: true });
  client.pragma(filePragmas().find((pragma) => pragma.startsWith('busy_timeout'))!);
  const database = syncDatabase(drizzle({ client }), client, { nextTurn: setImmediate });
  return { connect: () => database, close: async () => void client.close() };
}

async function flush(path: string) {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** fsync, an atomic rename and the folder's fsync, through node:fs. */
export const snapshotFiles: SnapshotFiles = {
  flush,
  moveInto: async (from, to) => {
    await rename(from, to);
    // A new name reaches the disk with its folder's fsync; Windows has none to call.
    if (process.platform !== 'win32') await flush(dirname(to));
  },
  size: async (path) => (await stat(path)).size,
  remove: (path) => rm(path, { force: true }),
};
