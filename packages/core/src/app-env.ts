import type { AppConfig } from './config.ts';
import type { Database } from './database.ts';

/** What every route sees, put there by the app's middleware. */
export interface AppEnv {
  Variables: {
    config: AppConfig;
    database: Database;
    requestId: string;
  };
}
