// node write-path/requests-node.ts [variant names…]: write requests in-process on better-sqlite3 (see requests.ts).
import { createBetterSqliteAdapter } from '../../apps/node/src/database.ts';
import { sha256Hex } from '../../apps/node/src/native.ts';
import { migratedCopies } from './copies.ts';
import { measureChosen } from './requests.ts';

const copies = await migratedCopies(createBetterSqliteAdapter);
await measureChosen('node', copies.open, { sha256Hex }, process.argv.slice(2));
copies.dispose();
