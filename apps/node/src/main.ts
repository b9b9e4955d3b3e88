import { serve } from '@hono/node-server';
import { createApp, describeTarget, loadServerConfig, log, stopOnSignals } from '@anywhere/core';
import { openDatabase } from './database.ts';

const config = loadServerConfig(process.env);
const database = openDatabase(config.database);
await database.migrate(undefined);

const app = createApp({ database, config });
const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, ({ address, port }) => {
  const host = address.includes(':') ? `[${address}]` : address;
  log.info('listening', { url: `http://${host}:${port}/`, adapter: database.name, database: describeTarget(config.database) });
});

stopOnSignals(process, {
  // close() stops accepting, drops idle keep-alive sockets and waits for in-flight requests.
  stopServer: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  database,
  timeoutMs: config.shutdownTimeoutMs,
});
