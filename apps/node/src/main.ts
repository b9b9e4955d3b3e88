import { serve } from '@hono/node-server';
import { createApp } from '@anywhere/core';
import {
  announceListening,
  describeTarget,
  loadServerConfig,
  reportListening,
  serverLogger,
  stopOnSignals,
  watchParent,
  workerOf,
} from '@anywhere/server';
import { readBody } from './body.ts';
import { openDatabase } from './database.ts';
import { sha256Hex } from './native.ts';
import { createLimiter, peerAddress } from './limiter.ts';
import { slowClientLimits } from './limits.ts';
import { superviseCluster } from './workers.ts';

const config = loadServerConfig(process.env);
const worker = workerOf(process.env);
const logger = serverLogger(config.logLevel, worker, process);
const database = openDatabase(config.database);
// Only the primary (or a lone process) migrates, before any worker opens the file.
if (!worker) await database.migrate(undefined);
const listening = { adapter: database.name, database: describeTarget(config.database) };

if (config.processes > 1 && !worker) {
  await database.close();
  superviseCluster({ config, logger, ready: (url) => announceListening({ url, ...listening, processes: config.processes }) });
} else {
  const app = createApp({ database, config, logger, limiter: await createLimiter(config), peerAddress, sha256Hex, readBody });
  // A cluster hands every worker the same port, a random one included, so each asks for the configured one.
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host, serverOptions: slowClientLimits(config) }, ({ address, port }) => {
    reportListening(worker, process, { url: `http://${address.includes(':') ? `[${address}]` : address}:${port}/`, ...listening });
  });

  stopOnSignals(process, {
    // close() stops accepting, drops idle keep-alive sockets and waits for in-flight requests.
    stopServer: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
    database,
    timeoutMs: config.shutdownTimeoutMs,
    logger,
  });
  // No orphans: a worker whose primary died stops as if told to.
  if (worker) watchParent(process, () => process.kill(process.pid, 'SIGTERM'));
}
