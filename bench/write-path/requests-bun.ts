// bun write-path/requests-bun.ts [variant names…]: write requests in-process on bun:sqlite (see requests.ts).
import { createBunSqliteAdapter } from '../../apps/bun/src/database.ts';
import * as native from '../../apps/bun/src/native.ts';
import { migratedCopies } from './copies.ts';
import { measureChosen } from './requests.ts';

const copies = await migratedCopies(createBunSqliteAdapter);
await measureChosen('bun', copies.open, native, process.argv.slice(2));
copies.dispose();
