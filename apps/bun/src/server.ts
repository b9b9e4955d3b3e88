import {
  announceListening,
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
import { createLimiter, peerAddress } from './limiter.ts';

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
  // Lines are gathered and written once per turn of the event loop, off the requests' path.
  const sink = { out: (text: string) => void process.stdout.write(text), err: (text: string) => void process.stderr.write(text) };
  const logger = createLogger(config.logLevel, { allToStderr: commandLine.sidecar, sink, batch: true });
  const database = openDatabase(config.database, open);
  await database.migrate(undefined);

  const app = createApp({ database, config, logger, limiter: await createLimiter(config), peerAddress });
  const server = Bun.serve({ fetch: app.fetch, port: config.port, hostname: config.host });
  // A sidecar's parent reads this, the only line on its stdout.
  announceListening({ url: server.url.href, adapter: database.name, database: describeTarget(config.database) });

  stopOnSignals(process, { stopServer: () => server.stop(), database, timeoutMs: config.shutdownTimeoutMs, logger });
  // No orphans: when the shell that started it dies, it stops as if told to.
  if (commandLine.sidecar) watchParent(process, () => process.kill(process.pid, 'SIGTERM'));
}
