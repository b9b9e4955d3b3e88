// pnpm db:copy --from file:./data/anywhere.db --to postgres://…   (or pglite:./data/pg)
// Copies every table of an SQLite database into a new Postgres one, ids kept,
// all or nothing. The target is migrated first and must be empty.
import { databaseTarget, describeTarget } from '@anywhere/server';
import { copyDatabase } from '@anywhere/server/copy';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openDatabase } from './database.ts';

const { values } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' } } });
if (!values.from?.startsWith('file:') || !values.to || values.to.startsWith('file:')) {
  console.error('Usage: pnpm db:copy --from file:<sqlite file> --to <postgres://… or pglite:<directory>>');
  process.exit(2);
}

const [from, to] = [databaseTarget(values.from), databaseTarget(values.to)];
if (from.kind === 'sqlite' && !existsSync(from.path)) {
  console.error(`No SQLite database at ${from.path}.`);
  process.exit(2);
}
const [source, target] = [openDatabase(from), openDatabase(to)];
try {
  await source.migrate(undefined);
  await target.migrate(undefined);
  const { rows } = await copyDatabase(source.connect(undefined), target.connect(undefined));
  console.log(JSON.stringify({ event: 'copied', from: describeTarget(from), to: describeTarget(to), rows }));
} catch (error) {
  console.error(`Copy failed; no rows were copied: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await Promise.all([source.close(), target.close()]);
}
