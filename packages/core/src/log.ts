import type { LogLevel } from './config.ts';

type Fields = Record<string, unknown>;

/** The one line each request writes. */
export interface RequestLine {
  method: string;
  path: string;
  status: number;
  durationMs: number;
  requestId: string;
}

export interface Logger {
  info(event: string, fields?: Fields): void;
  /** `info('request', line)`, written without serialising an object: it is on every request's path. */
  request(line: RequestLine): void;
  error(event: string, fields?: Fields): void;
  /** Writes what is buffered now: before exiting, or a test reading the output. */
  flush(): void;
}

/** Where lines go: the runtime's streams, or the console where that is all there is (Workers). */
export interface LogSink {
  out(text: string): void;
  err(text: string): void;
}

const consoleSink: LogSink = {
  out: (text) => console.log(text.trimEnd()),
  err: (text) => console.error(text.trimEnd()),
};

export interface LoggerOptions {
  /** Everything on stderr: a sidecar keeps stdout for the one line its parent reads. */
  allToStderr?: boolean;
  sink?: LogSink;
  /**
   * Gather the lines of one turn of the event loop into one write, off the
   * request's path. A server under load writes once per batch, not per line.
   */
  batch?: boolean;
  /** On every line: which of several server processes wrote it. */
  fields?: Fields | undefined;
}

/** An object's JSON members, each after a comma, to follow others: `,"a":1,"b":2`. */
function members(fields: Fields | undefined): string {
  const json = fields === undefined ? '' : JSON.stringify(fields);
  return json.length > 2 ? `,${json.slice(1, -1)}` : '';
}

let clockMs = Number.NaN;
let clockText = '';
/** The time as ISO 8601, made once per millisecond however many lines share it. */
function clock(): string {
  const now = Date.now();
  if (now !== clockMs) {
    clockMs = now;
    clockText = new Date(now).toISOString();
  }
  return clockText;
}

/** One JSON object per line, which every runtime and log shipper reads: info on stdout, errors on stderr. */
export function createLogger(level: LogLevel = 'info', { allToStderr = false, sink = consoleSink, batch = false, fields: always }: LoggerOptions = {}): Logger {
  let out = '';
  let err = '';
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (out) sink.out(out);
    if (err) sink.err(err);
    out = err = '';
  };
  // The line is the JSON of { time, level, event, ...always, ...fields }, put together from parts: the
  // fixed fields are serialised once, and the time once per millisecond (a log line per request
  // otherwise costs more than a route's own work). A field repeated later wins, as it would in the object.
  const fixed = always ? JSON.stringify(always).slice(1, -1) : '';
  const write = (toErr: boolean, levelName: string, event: string, fields: string) => {
    const line = `{"time":"${clock()}","level":"${levelName}","event":${JSON.stringify(event)}${fixed && `,${fixed}`}${fields}}\n`;
    if (toErr) err += line;
    else out += line;
    if (!batch) flush();
    else if (!scheduled) {
      scheduled = true;
      setTimeout(flush, 0);
    }
  };
  return {
    info: (event, fields) => void (level === 'info' && write(allToStderr, 'info', event, members(fields))),
    // The method is an HTTP token (no quote or backslash) and the request id is checked the same way (request-id.ts).
    request: ({ method, path, status, durationMs, requestId }) =>
      void (
        level === 'info' &&
        write(allToStderr, 'info', 'request', `,"method":"${method}","path":${JSON.stringify(path)},"status":${status},"durationMs":${durationMs},"requestId":"${requestId}"`)
      ),
    error: (event, fields) => void (level !== 'silent' && write(true, 'error', event, members(fields))),
    flush,
  };
}

export const log = createLogger();
