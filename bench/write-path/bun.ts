// bun write-path/bun.ts <database file>: the write path on bun:sqlite.
import { Database } from 'bun:sqlite';
import { copyFileSync } from 'node:fs';
import { createBunSqliteAdapter } from '../../apps/bun/src/database.ts';
import { filePragmas } from '@anywhere/core/sync-sqlite';
import { writePath } from './measure.ts';

const [source] = process.argv.slice(2);
copyFileSync(source!, `${source}.drizzle`);
copyFileSync(source!, `${source}.raw`);
const raw = new Database(`${source}.raw`, { strict: true });
for (const pragma of filePragmas()) raw.run(`PRAGMA ${pragma}`);
console.log(JSON.stringify(await writePath(createBunSqliteAdapter(`${source}.drizzle`).connect(undefined), raw as never)));
