// pnpm --filter @anywhere/workers-postgres db:migrate: the Postgres migrations,
// applied to DATABASE_URL (the database itself, not Hyperdrive) before a deploy.
// A Worker never migrates on a request; the Node and Bun servers' own
// migration step, the same advisory lock and the same folder, run here.
import { createPostgresAdapter } from '@anywhere/postgres/server';

const url = process.env.DATABASE_URL;
if (!url?.startsWith('postgres')) {
  console.error('Set DATABASE_URL to the database Hyperdrive points at: postgres://user:password@host:5432/name');
  process.exit(2);
}
// Two connections: one holds the advisory lock while the other migrates.
const database = createPostgresAdapter(url, { poolMax: 2 });
try {
  await database.migrate(undefined);
  console.log(`Migrated ${new URL(url).pathname.slice(1)} to the newest migration.`);
} finally {
  await database.close();
}
