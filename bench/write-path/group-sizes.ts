// How many writes share a COMMIT when the requests come over real sockets,
// from another process (16 connections, as the bench opens), for each moment
// a group could be flushed; with `caps`, for each bound on a group's size
// instead. In-process loops cannot show this: without sockets every request
// reaches its write in the same task, whatever the trigger. Run by
// group-sizes-bun.ts and group-sizes-node.ts: [requests] [connections] [caps].
import { createApp, loadAppConfig, type App, type AppOptions, type DatabaseAdapter, type RouteTable } from '@anywhere/core';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { migratedCopies } from './copies.ts';
import { adminToken, databaseFor, json, type Variant } from './requests.ts';

const triggers: Variant[] = [
  { name: 'next turn (setImmediate)', flush: 'next turn', maxSize: 64, prepared: true },
  { name: 'microtask', flush: 'microtask', maxSize: 64, prepared: true },
  { name: 'timer (setTimeout 0)', flush: 'timer', maxSize: 64, prepared: true },
];
const caps: Variant[] = [16, 64, 256].map((maxSize) => ({ name: `next turn, at most ${maxSize}`, flush: 'next turn', maxSize, prepared: true }));

export interface Served {
  url: string;
  stop(): unknown;
}

/** The client, in its own process on this runtime: the slowest 1 % of its answers, in ms. */
function load(url: string, token: string, total: number, connections: number): Promise<number> {
  const client = spawn(process.execPath, [join(import.meta.dirname, 'group-sizes-client.ts'), url, token, String(total), String(connections)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  client.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  return new Promise((resolve, reject) =>
    client.once('exit', (code) => (code === 0 ? resolve((JSON.parse(output) as { p99Ms: number }).p99Ms) : reject(new Error(`the client exited with ${code}`)))),
  );
}

export async function measureGroupSizes(
  copies: Awaited<ReturnType<typeof migratedCopies>>,
  options: Pick<AppOptions<object>, 'responses' | 'sha256Hex' | 'readBody'>,
  serve: (app: App & { table: RouteTable }) => Promise<Served>,
  [requests, connectionsText, mode]: string[],
) {
  const [total, connections] = [Number(requests ?? 20_000), Number(connectionsText ?? 16)];
  console.log(`| flush at | connections | writes per COMMIT | wall µs/request | p99 |`);
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const variant of mode === 'caps' ? caps : triggers) {
    const opened = copies.open();
    const counted = { commits: 0, writes: 0 };
    const database = databaseFor(opened, variant, counted);
    const measured: DatabaseAdapter = { name: variant.name, connect: () => database, migrate: async () => {}, close: async () => opened.close() };
    const config = loadAppConfig({ LOG_LEVEL: 'silent', ADMIN_TOKEN: adminToken, RATE_LIMIT: '100000000/1m', RATE_LIMIT_TOKEN: '100000000/1m' });
    const app = createApp({ database: measured, config, ...options });
    const server = await serve(app);
    // Over the socket too: a runtime's own body reader (Node's) reads from the connection.
    const created = await fetch(json('POST', '/authors', adminToken, { name: 'Sizes', email: `${crypto.randomUUID()}@example.com` }, server.url));
    const author = (await created.json()) as { token: string };
    counted.commits = counted.writes = 0;
    const started = performance.now();
    const p99Ms = await load(server.url, author.token, total, connections);
    const wallUs = ((performance.now() - started) / total) * 1000;
    console.log(`| ${variant.name} | ${connections} | ${(counted.writes / counted.commits).toFixed(1)} | ${wallUs.toFixed(0)} | ${p99Ms.toFixed(1)} ms |`);
    await server.stop();
    await measured.close();
  }
}
