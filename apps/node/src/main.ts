import { serve } from '@hono/node-server';
import { announceListening, createApp, createLogger, describeTarget, loadServerConfig, stopOnSignals } from '@anywhere/core';
import { openDatabase } from './database.ts';
import { createLimiter, peerAddress } from './limiter.ts';

const config = loadServerConfig(process.env);
const database = openDatabase(config.database);
await database.migrate(undefined);

// Lines are gathered and written once per turn of the event loop, off the requests' path.
const sink = { out: (text: string) => void process.stdout.write(text), err: (text: string) => void process.stderr.write(text) };
const logger = createLogger(config.logLevel, { sink, batch: true });
const app = createApp({ database, config, logger, limiter: await createLimiter(config), peerAddress });
const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, ({ address, port }) => {
  const host = address.includes(':') ? `[${address}]` : address;
  announceListening({ url: `http://${host}:${port}/`, adapter: database.name, database: describeTarget(config.database) });
});

stopOnSignals(process, {
  // close() stops accepting, drops idle keep-alive sockets and waits for in-flight requests.
  stopServer: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  database,
  timeoutMs: config.shutdownTimeoutMs,
  logger,
});
