// What every server process (Bun or Node, lone, primary or worker) does the
// same way with its output: how it logs, and how it says it listens.
import { createLogger, type LogLevel, type Logger } from '@anywhere/core';
import { announceListening, pipeSafe } from './log.ts';
import { listeningMessage, workerFields, type WorkerIdentity } from './supervisor.ts';

/** The slice of `process` this needs, injected so core touches no runtime global. */
export interface OutputProcess {
  readonly pid: number;
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  /** The IPC channel to a primary, when one started this process. */
  send?: ((message: unknown) => unknown) | undefined;
}

/**
 * The process's logger. Lines are gathered and written once per turn of the
 * event loop, off the requests' path; a worker writes them in whole lines
 * (its stdout is shared with the others) and tags each with who it is.
 */
export function serverLogger(
  level: LogLevel,
  worker: WorkerIdentity | undefined,
  process: OutputProcess,
  { allToStderr = false } = {},
): Logger {
  const sink = { out: (text: string) => void process.stdout.write(text), err: (text: string) => void process.stderr.write(text) };
  return createLogger(level, { allToStderr, sink: worker ? pipeSafe(sink) : sink, batch: true, fields: workerFields(worker, process.pid) });
}

/** Says where this process listens: a worker tells its primary; otherwise the one `listening` line a parent reads. */
export function reportListening(
  worker: WorkerIdentity | undefined,
  process: OutputProcess,
  fields: { url: string; adapter: string; database: string },
): void {
  if (worker) process.send?.(listeningMessage(fields.url));
  else announceListening(fields);
}
