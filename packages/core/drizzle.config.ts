import { defineConfig } from 'drizzle-kit';

// SQLite (bun:sqlite, better-sqlite3, D1). Postgres has its own: drizzle.pg.config.ts.
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/schema/sqlite.ts',
  out: './migrations/sqlite',
});
