import type { Logger } from '@anywhere/core';
import { listeningUrlOf, supervise, workerEnv, type ServerConfig } from '@anywhere/server';
import cluster from 'node:cluster';

export interface WorkersOptions {
  config: ServerConfig;
  logger: Logger;
  ready(url: string): void;
}

/** PROCESSES > 1 on Node: this process forks cluster workers that share its port and supervises them. */
export function superviseCluster({ config, logger, ready }: WorkersOptions): void {
  supervise({
    config,
    ready,
    process,
    logger,
    start: (identity, events) => {
      const worker = cluster.fork(workerEnv(identity));
      worker.on('message', (message: unknown) => {
        const url = listeningUrlOf(message);
        if (url) events.listening(url);
      });
      worker.on('exit', (code: number, signal: string | null) => events.exited(signal ? null : code));
      return { pid: worker.process.pid, kill: (signal) => worker.process.kill(signal) };
    },
  });
}
