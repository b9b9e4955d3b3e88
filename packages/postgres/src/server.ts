import { log, type DatabaseAdapter } from '@anywhere/core';
import { pgMigrations } from '@anywhere/core/migrations';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { fileURLToPath } from 'node:url';
import { Pool } from 'pg';
import { pgDatabase } from './pg-database.ts';

// Any constant will do; it only has to be the same for every instance of the app.
const migrationLock = 0x616e7977; // 'anyw'

/** A PostgreSQL server through a pool of node-postgres connections. */
export function createPostgresAdapter(
  url: string,
  { poolMax = 10, migrationsFolder = fileURLToPath(pgMigrations) }: { poolMax?: number; migrationsFolder?: string } = {},
): DatabaseAdapter {
  const pool = new Pool({ connectionString: url, max: poolMax });
  // An idle connection the server drops (a restart, a failover) must not take the process with it.
  pool.on('error', (error) => log.error('postgres connection lost', { error: error.message }));
  const db = drizzle({ client: pool });
  const database = pgDatabase(db);

  return {
    name: 'postgres',
    connect: () => database,
    // Instances starting together take turns: the first applies what is new, the others find nothing to do.
    migrate: async () => {
      const lock = await pool.connect();
      try {
        await lock.query('select pg_advisory_lock($1)', [migrationLock]);
        await migrate(db, { migrationsFolder });
      } finally {
        await lock.query('select pg_advisory_unlock($1)', [migrationLock]).finally(() => lock.release());
      }
    },
    close: () => pool.end(),
  };
}
