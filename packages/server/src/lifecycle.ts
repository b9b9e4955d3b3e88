import { log, type DatabaseAdapter, type Logger } from '@anywhere/core';

/** The slice of `process` this needs, injected so core touches no runtime global. */
export interface ProcessLike {
  once(signal: 'SIGTERM' | 'SIGINT', listener: () => void): unknown;
  exit(code: number): never;
}

export interface ShutdownOptions {
  /** Stops accepting connections and resolves once in-flight requests are answered. */
  stopServer(): Promise<void>;
  database: DatabaseAdapter<never>;
  timeoutMs: number;
  logger?: Logger;
}

/**
 * On SIGTERM or SIGINT: stop accepting, let in-flight requests finish, close
 * the database, exit 0. A client that never finishes cannot hold the process
 * past `timeoutMs`; then it exits 1.
 */
export function stopOnSignals(process: ProcessLike, { stopServer, database, timeoutMs, logger = log }: ShutdownOptions): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping', { signal });
    const deadline = setTimeout(() => {
      logger.error('stop timed out', { timeoutMs });
      logger.flush();
      process.exit(1);
    }, timeoutMs);
    try {
      await stopServer();
      await database.close();
      clearTimeout(deadline);
      logger.info('stopped');
      logger.flush();
      process.exit(0);
    } catch (error) {
      logger.error('stop failed', { error: String(error) });
      logger.flush();
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}
