import { serve } from '@hono/node-server';
import {
  announceListening,
  createApp,
  createLogger,
  describeTarget,
  listeningMessage,
  loadServerConfig,
  pipeSafe,
  stopOnSignals,
  watchParent,
  workerFields,
  workerOf,
} from '@anywhere/core';
import { openDatabase } from './database.ts';
import { createLimiter, peerAddress } from './limiter.ts';
import { slowClientLimits } from './limits.ts';
import { superviseCluster } from './workers.ts';

const config = loadServerConfig(process.env);
const worker = workerOf(process.env);
// Lines are gathered and written once per turn of the event loop, off the requests' path.
const sink = { out: (text: string) => void process.stdout.write(text), err: (text: string) => void process.stderr.write(text) };
const logger = createLogger(config.logLevel, { sink: worker ? pipeSafe(sink) : sink, batch: true, fields: workerFields(worker, process.pid) });
const database = openDatabase(config.database);
// Only the primary (or a lone process) migrates, before any worker opens the file.
if (!worker) await database.migrate(undefined);
const listening = { adapter: database.name, database: describeTarget(config.database) };

if (config.processes > 1 && !worker) {
  await database.close();
  superviseCluster({ config, logger, ready: (url) => announceListening({ url, ...listening, processes: config.processes }) });
} else {
  const app = createApp({ database, config, logger, limiter: await createLimiter(config), peerAddress });
  // A cluster hands every worker the same port, a random one included, so each asks for the configured one.
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host, serverOptions: slowClientLimits(config) }, ({ address, port }) => {
    const url = `http://${address.includes(':') ? `[${address}]` : address}:${port}/`;
    if (worker) process.send?.(listeningMessage(url));
    else announceListening({ url, ...listening });
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
