import {
  createApp,
  createLogger,
  describeTarget,
  loadServerConfig,
  parseCommandLine,
  stopOnSignals,
  watchParent,
  withCommandLine,
} from '@anywhere/core';
import { openDatabase, type OpenOptions } from './database.ts';

export interface ServeOptions extends OpenOptions {
  argv: string[];
  env: Record<string, string | undefined>;
  /** The DATABASE_URL that `--data-dir` means. */
  databaseIn?: (dataDir: string) => string;
}

/** Reads the command line and the environment, opens and migrates the database, serves until a signal. */
export async function serve({ argv, env, databaseIn = (dir) => `file:${dir}/anywhere.db`, ...open }: ServeOptions) {
  const commandLine = parseCommandLine(argv);
  const config = loadServerConfig(withCommandLine(env, commandLine, databaseIn));
  const logger = createLogger(config.logLevel, { allToStderr: commandLine.sidecar });
  const database = openDatabase(config.database, open);
  await database.migrate(undefined);

  const app = createApp({ database, config, logger });
  const server = Bun.serve({ fetch: app.fetch, port: config.port, hostname: config.host });
  const listening = { event: 'listening', url: server.url.href, adapter: database.name, database: describeTarget(config.database) };
  // A sidecar's parent reads exactly one line on stdout; a server logs it like any other.
  if (commandLine.sidecar) console.log(JSON.stringify(listening));
  else logger.info('listening', listening);

  stopOnSignals(process, { stopServer: () => server.stop(), database, timeoutMs: config.shutdownTimeoutMs, logger });
  // No orphans: when the shell that started it dies, it stops as if told to.
  if (commandLine.sidecar) watchParent(process, () => process.kill(process.pid, 'SIGTERM'));
}
