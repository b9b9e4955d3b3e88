// pnpm db:backup <target-file>
// An online, consistent snapshot of the SQLite file DATABASE_URL names, taken
// while the API keeps serving; prints one JSON line. See backupSqlite in core.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, realpathSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { describeTarget, loadDatabaseTarget } from '@anywhere/server';
import { backupSqlite, postgresBackupAdvice } from '@anywhere/server/backup';
import { openSqliteFile, snapshotFiles } from './snapshot-files.ts';

const [target, ...extra] = process.argv.slice(2);
const database = loadDatabaseTarget(process.env);
if (!target || extra.length > 0 || target.startsWith('-')) {
  refuse('Usage: pnpm db:backup <target-file>   (the database is DATABASE_URL, file:./data/anywhere.db by default)');
}
if (database.kind !== 'sqlite') refuse(postgresBackupAdvice(database));
if (!existsSync(database.path)) refuse(`No SQLite database at ${database.path}.`);
if (resolve(target) === resolve(database.path) || (existsSync(target) && realpathSync(target) === realpathSync(database.path))) {
  refuse('The target is the live database itself: name another file.');
}

mkdirSync(dirname(resolve(target)), { recursive: true });
const live = openSqliteFile(database.path, { readonly: true });
try {
  const report = await backupSqlite({
    live: live.connect(),
    target,
    temporary: join(dirname(target), `.${basename(target)}.${randomUUID().slice(0, 8)}.partial`),
    open: (path) => openSqliteFile(path, { readonly: false }),
    files: snapshotFiles,
  });
  console.log(JSON.stringify({ ...report, from: describeTarget(database) }));
} catch (error) {
  console.error(`Backup failed; ${target} is unchanged: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await live.close();
}

function refuse(message: string): never {
  console.error(message);
  process.exit(2);
}
