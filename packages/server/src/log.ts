// What a server process adds to core's logger: the line that says it listens,
// and whole-line writes for processes sharing one stdout.
import type { LogSink } from '@anywhere/core';

type Fields = Record<string, unknown>;

/**
 * The line that says a server is ready and where: on stdout, whatever the log
 * level, because supervisors, tests and a sidecar's parent wait for it.
 */
export function announceListening(fields: { url: string } & Fields): void {
  console.log(JSON.stringify({ time: new Date().toISOString(), level: 'info', event: 'listening', ...fields }));
}

/** The most a write(2) to a pipe may carry and stay whole beside other writers (POSIX PIPE_BUF, Linux's value). */
const pipeBuffer = 4096;
const encoder = new TextEncoder();

/** Writes `text` as whole lines in writes of at most PIPE_BUF bytes. */
const inWholeLines = (write: (text: string) => void) => (text: string) => {
  let chunk = '';
  let size = 0;
  for (const line of text.split(/(?<=\n)/)) {
    const bytes = encoder.encode(line).byteLength;
    if (chunk && size + bytes > pipeBuffer) {
      write(chunk);
      chunk = '';
      size = 0;
    }
    chunk += line;
    size += bytes;
  }
  if (chunk) write(chunk);
};

/**
 * Writes a batch as whole lines of at most PIPE_BUF bytes per write: several
 * server processes share one stdout pipe, and the kernel interleaves larger
 * writes mid-line. (A single line longer than that is still written whole.)
 */
export function pipeSafe(sink: LogSink): LogSink {
  return { out: inWholeLines(sink.out), err: inWholeLines(sink.err) };
}
