/**
 * The folder drizzle-kit writes SQLite migrations to: Bun and Node apply it on
 * start, wrangler applies it to D1. Kept out of the main entry so a Worker
 * bundle never evaluates `import.meta.url`.
 */
export const sqliteMigrations = new URL('../migrations/sqlite/', import.meta.url);

/** The folder drizzle-kit writes Postgres migrations to: PGlite and a PostgreSQL server apply it on start. */
export const pgMigrations = new URL('../migrations/pg/', import.meta.url);
