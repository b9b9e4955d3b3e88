import { createApp, loadServerConfig, log, stopOnSignals } from '@anywhere/core';
import { createBunSqliteAdapter } from './database.ts';

const config = loadServerConfig(process.env);
const database = createBunSqliteAdapter(config.databasePath);
await database.migrate(undefined);

const app = createApp({ database, config });
const server = Bun.serve({ fetch: app.fetch, port: config.port, hostname: config.host });
log.info('listening', { url: server.url.href, adapter: database.name, database: config.databasePath });

stopOnSignals(process, {
  stopServer: () => server.stop(),
  database,
  timeoutMs: config.shutdownTimeoutMs,
});
