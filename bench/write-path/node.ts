// node write-path/node.ts <database file>: the write path on better-sqlite3.
import Database from 'better-sqlite3';
import { copyFileSync } from 'node:fs';
import { createBetterSqliteAdapter } from '../../apps/node/src/database.ts';
import { filePragmas } from '@anywhere/core/sync-sqlite';
import { writePath } from './measure.ts';

const [source] = process.argv.slice(2);
copyFileSync(source!, `${source}.drizzle`);
copyFileSync(source!, `${source}.raw`);
const raw = new Database(`${source}.raw`);
for (const pragma of filePragmas()) raw.pragma(pragma);
console.log(JSON.stringify(await writePath(createBetterSqliteAdapter(`${source}.drizzle`).connect(undefined), raw)));
