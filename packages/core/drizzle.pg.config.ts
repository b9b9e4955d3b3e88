import { defineConfig } from 'drizzle-kit';

// Postgres (PGlite, a PostgreSQL server). SQLite has its own: drizzle.config.ts.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema/pg.ts',
  out: './migrations/pg',
});
