import type { Logger } from '@anywhere/core';
import { listeningUrlOf, supervise, workerEnv, type ServerConfig } from '@anywhere/server';

export interface WorkersOptions {
  config: ServerConfig;
  /** How to start this program again: bun and its script, or a single executable alone. */
  command: string[];
  argv: string[];
  env: Record<string, string | undefined>;
  logger: Logger;
  ready(url: string): void;
}

/** PROCESSES > 1 on Bun: this process starts and supervises workers that share the port through SO_REUSEPORT. */
export function superviseWorkers({ config, command, argv, env, logger, ready }: WorkersOptions): void {
  supervise({
    config,
    ready,
    process,
    logger,
    start: (worker, events) => {
      const child = Bun.spawn({
        cmd: [...command, ...argv],
        env: { ...env, ...workerEnv(worker) },
        stdio: ['ignore', 'inherit', 'inherit'],
        ipc: (message) => {
          const url = listeningUrlOf(message);
          if (url) events.listening(url);
        },
        onExit: (_, code) => events.exited(code),
      });
      return { pid: child.pid, kill: (signal) => child.kill(signal) };
    },
  });
}
