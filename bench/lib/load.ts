// wrk on core 1, driven by a small Lua script per endpoint.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Dataset } from './data.ts';

export interface Endpoint {
  name: string;
  /** Lua for wrk: sets up wrk.method/headers/body or a request() function. */
  script(dataset: Dataset): string;
  /** The dataset it runs on. */
  dataset: 'small' | 'large';
  /**
   * It writes: every round starts each server on a fresh copy of the data,
   * so a faster server's bigger database does not slow only it down.
   */
  writes?: boolean;
  /** Part of `pnpm bench --quick`. */
  quick?: boolean;
  /** Only the apps run it, with these settings (a durability mode), beside the same endpoint at the defaults. */
  appsWith?: Record<string, string>;
}

const ids = (list: number[]) => `{${list.join(',')}}`;
const auth = (token: string) => `wrk.headers["Authorization"] = "Bearer ${token}"\nwrk.headers["Content-Type"] = "application/json"\n`;

const createScript = ({ token }: Dataset) =>
  `${auth(token)}wrk.method = "POST"\nwrk.path = "/posts"\n` +
  `wrk.body = '{"title":"Benchmarked","body":"Written under load.","status":"published","tags":["bench","load"]}'\n`;

export const endpoints: Endpoint[] = [
  {
    name: 'GET /posts/:id',
    dataset: 'small',
    quick: true,
    script: ({ publishedIds }) =>
      `local ids = ${ids(publishedIds)}\nrequest = function() return wrk.format("GET", "/posts/" .. ids[math.random(#ids)]) end\n`,
  },
  { name: 'GET /posts?limit=20', dataset: 'small', quick: true, script: () => 'wrk.path = "/posts?limit=20"\n' },
  { name: 'GET /posts deep cursor', dataset: 'small', script: ({ deepCursor }) => `wrk.path = "/posts?limit=20&cursor=${deepCursor}"\n` },
  { name: 'POST /posts', dataset: 'small', writes: true, quick: true, script: (dataset) => createScript(dataset) },
  // Group commit's promise: an fsync per commit costs a batch one fsync, not each request its own.
  { name: 'POST /posts, SQLITE_SYNCHRONOUS=full', dataset: 'small', writes: true, quick: true, appsWith: { SQLITE_SYNCHRONOUS: 'full' }, script: (dataset) => createScript(dataset) },
  {
    name: 'PATCH /posts/:id',
    dataset: 'small',
    writes: true,
    quick: true,
    script: ({ token, ownPostIds }) =>
      `${auth(token)}local ids = ${ids(ownPostIds)}\nlocal n = 0\n` +
      `request = function() n = n + 1; return wrk.format("PATCH", "/posts/" .. ids[math.random(#ids)], nil, '{"title":"Retitled ' .. n .. '"}') end\n`,
  },
  { name: 'GET /posts?limit=20 at 1M', dataset: 'large', script: () => 'wrk.path = "/posts?limit=20"\n' },
  { name: 'GET /posts deep cursor at 1M', dataset: 'large', script: ({ deepCursor }) => `wrk.path = "/posts?limit=20&cursor=${deepCursor}"\n` },
];

export interface Sample {
  requestsPerSecond: number;
  /** Answered in the run. */
  requests: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

const milliseconds = (text: string) => {
  const [, value, unit] = /([\d.]+)(us|ms|s)/.exec(text)!;
  return Number(value) * (unit === 'us' ? 0.001 : unit === 's' ? 1000 : 1);
};

/**
 * Open connections per run. Sixteen keep every server here at 100 % of its
 * core (measured: 32 or 64 add at most a few per cent to any of them), so
 * latency is service time plus a short queue. With 64, wrk reports tails of
 * half a second from node:http servers, the bare one included, that a
 * hand-written client does not see at the same load.
 */
export const connections = 16;

export function load(url: string, script: string, seconds: number, scratch: string): Sample {
  const file = join(scratch, 'load.lua');
  writeFileSync(file, script);
  const output = execFileSync('taskset', ['-c', '1', 'wrk', '-t1', `-c${connections}`, `-d${seconds}s`, '--latency', '-s', file, url], {
    encoding: 'utf8',
  });
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(output)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  return {
    requestsPerSecond: Number(/Requests\/sec:\s+([\d.]+)/.exec(output)![1]),
    requests: Number(/(\d+) requests in/.exec(output)![1]),
    p50Ms: milliseconds(/ 50%\s+(\S+)/.exec(output)![1]!),
    p99Ms: milliseconds(/ 99%\s+(\S+)/.exec(output)![1]!),
    errors: non2xx + (socket ? socket.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0),
  };
}
