import type { LogLevel } from './config.ts';

type Fields = Record<string, unknown>;

export interface Logger {
  info(event: string, fields?: Fields): void;
  error(event: string, fields?: Fields): void;
}

const write = (stream: 'log' | 'error', level: string, event: string, fields: Fields = {}) =>
  console[stream](JSON.stringify({ time: new Date().toISOString(), level, event, ...fields }));

/**
 * One JSON object per line, which every runtime and log shipper reads: info
 * on stdout and errors on stderr, or everything on stderr (a sidecar keeps
 * stdout for the one line its parent reads).
 */
export function createLogger(level: LogLevel = 'info', { allToStderr = false } = {}): Logger {
  return {
    info: (event, fields) => level === 'info' && write(allToStderr ? 'error' : 'log', 'info', event, fields),
    error: (event, fields) => level !== 'silent' && write('error', 'error', event, fields),
  };
}

export const log = createLogger();
