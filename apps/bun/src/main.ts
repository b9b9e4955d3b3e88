import { createApp, describeTarget, loadServerConfig, log, stopOnSignals } from '@anywhere/core';
import { openDatabase } from './database.ts';

const config = loadServerConfig(process.env);
const database = openDatabase(config.database);
await database.migrate(undefined);

const app = createApp({ database, config });
const server = Bun.serve({ fetch: app.fetch, port: config.port, hostname: config.host });
log.info('listening', { url: server.url.href, adapter: database.name, database: describeTarget(config.database) });

stopOnSignals(process, {
  stopServer: () => server.stop(),
  database,
  timeoutMs: config.shutdownTimeoutMs,
});
