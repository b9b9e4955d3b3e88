// Which layer of a request a profile sample's time belongs to. A sample is
// charged to the first frame, walking from the running function towards the
// root, that belongs to a known layer: the runtime's own functions (node:*,
// native code with no file) are charged to whoever called them, so a
// JSON.stringify in the log line is the log line's, and the SQLite driver's
// native step is the database's. A stack with no known frame is the runtime's
// HTTP server and event loop.

export interface Frame {
  functionName: string;
  url: string;
}

export const runtime = 'HTTP server and runtime';
export const garbage = 'garbage collection';

/** In order: the first rule whose pattern matches a frame's file names its layer. */
const rules: [layer: string, file: RegExp][] = [
  ['log line', /core\/src\/log\.ts/],
  ['rate limit', /core\/src\/(rate-limit\/|http\/rate-limit\.ts|middleware\/rate-limit)|apps\/\w+\/src\/limiter\.ts/],
  ['auth (token hash and lookup)', /core\/src\/(auth\/|crypto\.ts|tokens\/)|@noble\/hashes|apps\/\w+\/src\/native\.ts.*sha/],
  ['validation', /core\/src\/http\/(validate|params)\.ts|\/zod\/|hono\/dist\/utils\/url|hono\/dist\/validator/],
  ['body read and limit', /core\/src\/(http\/body-|deadline\.ts)/],
  ['database (Drizzle, driver, SQLite)', /drizzle-orm|better-sqlite3|bun:sqlite|core\/src\/(prepared|sync-sqlite|group-commit|database|.*\/data)\.ts|apps\/\w+\/src\/database\.ts/],
  ['response (headers, ETag, JSON)', /core\/src\/http\/(respond|security-headers|etag|cors|request-id|problem)\.ts|apps\/bun\/src\/native\.ts/],
  ['request pass and routing', /core\/src\/(http\/|app\.ts|routes\.ts)|apps\/bun\/src\/routes\.ts/],
  ['Hono (router, middleware chain)', /\/hono\/dist\//],
  ['route handlers', /core\/src\//],
  ['@hono/node-server (Request and Response translation)', /@hono\/node-server/],
];

/** The runtime's own code: charged to its caller. */
const transparent = (frame: Frame) => frame.url === '' || frame.url.startsWith('node:') || frame.url.startsWith('bun:') && !frame.url.startsWith('bun:sqlite');

/** A stack, running function first. */
export function layerOf(stack: readonly Frame[]): string | undefined {
  const [top] = stack;
  if (top?.functionName === '(idle)') return undefined;
  if (top?.functionName === '(garbage collector)') return garbage;
  for (const frame of stack) {
    if (transparent(frame)) continue;
    for (const [layer, file] of rules) if (file.test(frame.url)) return layer;
  }
  return runtime;
}
