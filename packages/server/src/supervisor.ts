// PROCESSES > 1: a primary that serves nothing starts N worker processes on
// one port (Bun's reusePort, Node's cluster) and keeps them running. The
// runtime's spawn is injected: core starts no process itself.
import type { ServerConfig } from './config.ts';
import type { Logger } from '@anywhere/core';

/** Which worker a process is, and the port the first one got (Bun binds the others to it). */
export interface WorkerIdentity {
  index: number;
  port: number;
}

const indexVariable = 'ANYWHERE_WORKER';
const portVariable = 'ANYWHERE_WORKER_PORT';

/** The variables a primary starts worker `identity` with. */
export const workerEnv = ({ index, port }: WorkerIdentity) => ({ [indexVariable]: String(index), [portVariable]: String(port) });

/** This process's identity when a primary started it, undefined otherwise. */
export function workerOf(env: Readonly<Record<string, string | undefined>>): WorkerIdentity | undefined {
  const index = env[indexVariable];
  return index === undefined ? undefined : { index: Number(index), port: Number(env[portVariable] ?? 0) };
}

/** The fields a worker adds to each log line, so a line tells which process wrote it. */
export const workerFields = (worker: WorkerIdentity | undefined, pid: number) => worker && { worker: worker.index, pid };

/** What a worker tells its primary once it listens, over the runtime's IPC channel. */
export const listeningMessage = (url: string) => ({ event: 'listening', url });

/** The URL a worker's message says it listens at, if that is what it says. */
export function listeningUrlOf(message: unknown): string | undefined {
  const { event, url } = (message ?? {}) as { event?: unknown; url?: unknown };
  return event === 'listening' && typeof url === 'string' ? url : undefined;
}

/** A running worker, as the runtime's spawn or cluster.fork gives it. */
export interface WorkerProcess {
  readonly pid: number | undefined;
  kill(signal: 'SIGTERM' | 'SIGKILL'): void;
}

/** What the runtime reports about a worker it started. */
export interface WorkerEvents {
  listening(url: string): void;
  /** Its exit code, or null when a signal killed it. */
  exited(code: number | null): void;
}

/** The slice of `process` the primary needs. */
export interface PrimaryProcess {
  once(signal: 'SIGTERM' | 'SIGINT', listener: () => void): unknown;
  exit(code: number): never;
}

export interface SuperviseOptions {
  /** How many workers, on which port (0: the first picks one, the others share it), how long a stop may take. */
  config: Pick<ServerConfig, 'processes' | 'port' | 'shutdownTimeoutMs' | 'rateLimits' | 'rateLimitRedis'>;
  start(worker: WorkerIdentity, events: WorkerEvents): WorkerProcess;
  /** Called once, when every worker listens. */
  ready(url: string): void;
  process: PrimaryProcess;
  logger: Logger;
}

/** Crashes tolerated per minute before the primary gives up (a crash loop: the disk is gone, the file is locked). */
export const restartBudget = { crashes: 5, windowMs: 60_000 };

/**
 * Starts the workers, one first (it may pick the port), then the rest, and
 * supervises them. A worker that crashes (exits non-zero or is killed) is
 * started again in its place; more than `restartBudget` crashes a minute, or
 * any failure before all listen, stops everything with exit code 1. A worker
 * that exits 0 was stopped on purpose (a signal of its own) and is not
 * replaced; the primary exits when none is left. SIGTERM or SIGINT stops
 * every worker gracefully, then the primary exits 0 (1 if one failed to).
 */
export function supervise({ config, start, ready, process, logger }: SuperviseOptions): void {
  const { processes, port } = config;
  // A worker gets its own stop deadline first, then a second to exit.
  const timeoutMs = config.shutdownTimeoutMs + 1000;
  if (!config.rateLimitRedis && (config.rateLimits.address || config.rateLimits.token)) {
    logger.error('rate limits count per process: set RATE_LIMIT_REDIS_URL so the workers share them', { processes });
  }
  const running = new Map<number, WorkerProcess>();
  const crashes: number[] = [];
  let shared = port;
  let listening = 0;
  let stopping = false;
  let exitCode = 0;

  const exit = (code: number): never => {
    logger.flush();
    return process.exit(code);
  };

  const stop = (code: number) => {
    exitCode = Math.max(exitCode, code);
    if (stopping) return;
    stopping = true;
    for (const worker of running.values()) worker.kill('SIGTERM');
    const deadline = setTimeout(() => {
      logger.error('workers did not stop in time', { timeoutMs, left: running.size });
      for (const worker of running.values()) worker.kill('SIGKILL');
      exit(1);
    }, timeoutMs);
    (deadline as { unref?: () => void }).unref?.();
    if (running.size === 0) exit(exitCode);
  };

  const launch = (index: number) => {
    let announced = false;
    const worker = start(
      { index, port: shared },
      {
        listening: (url) => {
          if (announced) return;
          announced = true;
          logger.info('worker listening', { worker: index });
          if (index === 0 && listening === 0) {
            shared = Number(new URL(url).port);
            for (let next = 1; next < processes; next++) launch(next);
          }
          if (++listening === processes) ready(url);
        },
        exited: (code) => exited(index, code),
      },
    );
    running.set(index, worker);
    logger.info('worker started', { worker: index, pid: worker.pid });
  };

  const exited = (index: number, code: number | null) => {
    running.delete(index);
    if (stopping) {
      if (code !== 0) exitCode = 1;
      if (running.size === 0) exit(exitCode);
      return;
    }
    if (listening < processes) {
      logger.error('worker failed to start', { worker: index, code });
      return stop(1);
    }
    if (code === 0) {
      logger.info('worker stopped', { worker: index });
      if (running.size === 0) exit(0);
      return;
    }
    const now = Date.now();
    crashes.push(now);
    while (crashes[0]! < now - restartBudget.windowMs) crashes.shift();
    if (crashes.length > restartBudget.crashes) {
      logger.error('workers keep crashing: stopping', { worker: index, code, crashes: crashes.length });
      return stop(1);
    }
    logger.error('worker crashed: restarting it', { worker: index, code });
    launch(index);
  };

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.info('stopping', { signal, workers: running.size });
      stop(0);
    });
  }
  launch(0);
}
