import { serve } from '@hono/node-server';
import { createApp, loadServerConfig, log, stopOnSignals } from '@anywhere/core';
import { createBetterSqliteAdapter } from './database.ts';

const config = loadServerConfig(process.env);
const database = createBetterSqliteAdapter(config.databasePath);
await database.migrate(undefined);

const app = createApp({ database, config });
const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, ({ address, port }) => {
  const host = address.includes(':') ? `[${address}]` : address;
  log.info('listening', { url: `http://${host}:${port}/`, adapter: database.name, database: config.databasePath });
});

stopOnSignals(process, {
  // close() stops accepting, drops idle keep-alive sockets and waits for in-flight requests.
  stopServer: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  database,
  timeoutMs: config.shutdownTimeoutMs,
});
