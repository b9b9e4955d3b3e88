// bun write-path/group-sizes-bun.ts [requests] [connections] [caps]: how many
// writes share a COMMIT when the requests come over real sockets, from another
// process (16 connections, as the bench opens), for each moment a group could
// be flushed; with `caps`, for each bound on a group's size instead. In-process
// loops cannot show this: without sockets every request reaches its write in
// the same task, whatever the trigger.
import { createApp, loadAppConfig, type DatabaseAdapter } from '@anywhere/core';
import { join } from 'node:path';
import { createBunSqliteAdapter } from '../../apps/bun/src/database.ts';
import * as native from '../../apps/bun/src/native.ts';
import { bunRoutes } from '../../apps/bun/src/routes.ts';
import { migratedCopies } from './copies.ts';
import { adminToken, databaseFor, json, type Variant } from './requests.ts';

const copies = await migratedCopies(createBunSqliteAdapter);

const triggers: Variant[] = [
  { name: 'next turn (setImmediate)', flush: 'next turn', maxSize: 64, prepared: true },
  { name: 'microtask', flush: 'microtask', maxSize: 64, prepared: true },
  { name: 'timer (setTimeout 0)', flush: 'timer', maxSize: 64, prepared: true },
];
const caps: Variant[] = [16, 64, 256].map((maxSize) => ({ name: `next turn, at most ${maxSize}`, flush: 'next turn', maxSize, prepared: true }));
const [total, connections] = [Number(process.argv[2] ?? 20_000), Number(process.argv[3] ?? 16)];

console.log(`| flush at | connections | writes per COMMIT | wall µs/request | p99 |`);
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const variant of process.argv[4] === 'caps' ? caps : triggers) {
  const opened = copies.open();
  const counted = { commits: 0, writes: 0 };
  const database = databaseFor(opened, variant, counted);
  const measured: DatabaseAdapter = { name: variant.name, connect: () => database, migrate: async () => {}, close: async () => opened.close() };
  const config = loadAppConfig({ LOG_LEVEL: 'silent', ADMIN_TOKEN: adminToken, RATE_LIMIT: '100000000/1m', RATE_LIMIT_TOKEN: '100000000/1m' });
  const app = createApp({ database: measured, config, ...native });
  const server = Bun.serve({ port: 0, hostname: '127.0.0.1', routes: bunRoutes(app.table), fetch: app.fetch });
  const author = (await (await app.fetch(json('POST', '/authors', adminToken, { name: 'Sizes', email: `${crypto.randomUUID()}@example.com` }))).json()) as { token: string };
  counted.commits = counted.writes = 0;
  const started = performance.now();
  const client = Bun.spawn([process.execPath, join(import.meta.dir, 'group-sizes-client.ts'), server.url.href, author.token, String(total), String(connections)], { stdout: 'pipe', stderr: 'inherit' });
  const output = await new Response(client.stdout).text();
  if ((await client.exited) !== 0) throw new Error('the client failed');
  const wallUs = ((performance.now() - started) / total) * 1000;
  const { p99Ms } = JSON.parse(output) as { p99Ms: number };
  console.log(`| ${variant.name} | ${connections} | ${(counted.writes / counted.commits).toFixed(1)} | ${wallUs.toFixed(0)} | ${p99Ms.toFixed(1)} ms |`);
  await server.stop();
  await measured.close();
}
copies.dispose();
