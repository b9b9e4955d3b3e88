import { describeBackupRestore } from '@anywhere/contract/backup';
import { createRequire } from 'node:module';

// The Bun binary itself, not the node_modules/.bin shell shim, so signals reach the server.
const runtime = { name: 'bun', command: createRequire(import.meta.url).resolve('bun/bin/bun.exe') };

// `pnpm db:backup` (a Node command) against the Bun app's real entry point, serving writes on an SQLite file.
describeBackupRestore({ adapter: 'bun', runtime, app: new URL('..', import.meta.url) });
