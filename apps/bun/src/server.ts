import { createApp } from '@anywhere/core';
import {
  announceListening,
  describeTarget,
  loadServerConfig,
  parseCommandLine,
  reportListening,
  serverLogger,
  stopOnSignals,
  watchParent,
  withCommandLine,
  workerOf,
} from '@anywhere/server';
import { openDatabase, type OpenOptions } from './database.ts';
import { createLimiter, peerAddress } from './limiter.ts';
import * as native from './native.ts';
import { bunRoutes } from './routes.ts';
import { superviseWorkers } from './workers.ts';

export interface ServeOptions extends OpenOptions {
  argv: string[];
  env: Record<string, string | undefined>;
  /** The DATABASE_URL that `--data-dir` means. */
  databaseIn?: (dataDir: string) => string;
  /** How to start this program again, for PROCESSES > 1: bun and its script here, the executable alone when compiled. */
  command?: string[];
}

// Bun counts idle time in whole seconds, up to 255.
const idleSeconds = (ms: number) => Math.min(255, Math.max(1, Math.ceil(ms / 1000)));

/** Reads the command line and the environment, opens and migrates the database, serves until a signal. */
export async function serve({ argv, env, databaseIn = (dir) => `file:${dir}/anywhere.db`, command = [process.execPath, Bun.main], ...open }: ServeOptions) {
  const commandLine = parseCommandLine(argv);
  const config = loadServerConfig(withCommandLine(env, commandLine, databaseIn));
  const worker = workerOf(env);
  const logger = serverLogger(config.logLevel, worker, process, { allToStderr: commandLine.sidecar });
  const database = openDatabase(config.database, open);
  // Only the primary (or a lone process) migrates, before any worker opens the file.
  if (!worker) await database.migrate(undefined);
  const listening = { adapter: database.name, database: describeTarget(config.database) };

  if (config.processes > 1 && !worker) {
    await database.close();
    const ready = (url: string) => announceListening({ url, ...listening, processes: config.processes });
    return superviseWorkers({ config, command, argv, env, logger, ready });
  }

  const app = createApp({ database, config, logger, limiter: await createLimiter(config), peerAddress, ...native });
  const server = Bun.serve({
    routes: bunRoutes(app.table),
    fetch: app.fetch,
    port: worker?.port ?? config.port,
    hostname: config.host,
    reusePort: worker !== undefined,
    // An idle keep-alive connection is closed after this. Unfinished headers Bun cuts off itself
    // after a fixed 10 s (uWebSockets), and a stalled body the app's own deadline (REQUEST_TIMEOUT_MS).
    idleTimeout: idleSeconds(config.headersTimeoutMs),
  });
  stopOnSignals(process, { stopServer: () => server.stop(), database, timeoutMs: config.shutdownTimeoutMs, logger });
  // No orphans: when the shell (or the primary) that started it dies, it stops as if told to. Watched
  // before saying it listens: a parent that dies right after hearing it must not go unnoticed.
  if (commandLine.sidecar || worker) watchParent(process, () => process.kill(process.pid, 'SIGTERM'));

  // A sidecar's parent reads this, the only line on its stdout; a worker tells its primary instead.
  reportListening(worker, process, { url: server.url.href, ...listening });
}
