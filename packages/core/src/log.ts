import type { LogLevel } from './config.ts';

type Fields = Record<string, unknown>;

export interface Logger {
  info(event: string, fields?: Fields): void;
  error(event: string, fields?: Fields): void;
}

const write = (stream: 'log' | 'error', level: string, event: string, fields: Fields = {}) =>
  console[stream](JSON.stringify({ time: new Date().toISOString(), level, event, ...fields }));

/** One JSON object per line (errors on stderr), which every runtime and log shipper reads. */
export function createLogger(level: LogLevel = 'info'): Logger {
  return {
    info: (event, fields) => level === 'info' && write('log', 'info', event, fields),
    error: (event, fields) => level !== 'silent' && write('error', 'error', event, fields),
  };
}

export const log = createLogger();
