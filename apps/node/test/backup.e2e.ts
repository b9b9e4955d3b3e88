import { describeBackupRestore } from '@anywhere/contract/backup';

// `pnpm db:backup` against this app's real entry point, serving writes on an SQLite file.
describeBackupRestore({ adapter: 'node', runtime: { name: 'node', command: process.execPath }, app: new URL('..', import.meta.url) });
