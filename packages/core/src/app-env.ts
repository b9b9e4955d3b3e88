import type { Database } from './database.ts';

/** The Hono environment every route sees: the request's database, put there by the app. */
export interface AppEnv {
  Variables: { database: Database };
}
