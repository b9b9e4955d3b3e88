// The servers under test, each on core 0 with its own copy of the database.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, copyFileSync, fsyncSync, openSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { basename, join } from 'node:path';
import { bench, bun, node, root } from './paths.ts';

export interface ServerSpec {
  name: string;
  runtime: 'bun' | 'node';
  /** The app itself, as opposed to a baseline. */
  app: boolean;
  command: string[];
  /** How it is told where the database is. */
  env: (databaseFile: string) => Record<string, string>;
}

export const adminToken = 'bench-admin-token-'.padEnd(48, 'x');
// Production settings, request log included; rate limits so high the load never meets them (the limiter still counts).
export const appEnv = (file: string) => ({
  DATABASE_URL: `file:${file}`,
  ADMIN_TOKEN: adminToken,
  LOG_LEVEL: 'info',
  RATE_LIMIT: '1000000000/1s',
  RATE_LIMIT_TOKEN: '1000000000/1s',
});
const bareEnv = (file: string) => ({ DATABASE: file });

export const specs: ServerSpec[] = [
  // The apps as they ship, built when the bench starts: the single executable, and the Node dist.
  { name: 'anywhere on Bun', runtime: 'bun', app: true, command: [join(root, 'apps/bun/dist/anywhere')], env: appEnv },
  { name: 'bare Bun', runtime: 'bun', app: false, command: [bun, join(bench, 'baselines/bun.ts')], env: bareEnv },
  { name: 'anywhere on Node', runtime: 'node', app: true, command: [node, join(root, 'apps/node/dist/app/main.js')], env: appEnv },
  { name: 'bare Node', runtime: 'node', app: false, command: [node, join(bench, 'baselines/node.ts')], env: bareEnv },
  { name: 'Fastify', runtime: 'node', app: false, command: [node, join(bench, 'baselines/fastify.ts')], env: bareEnv },
];

// No server outlives the bench, whether it ends, fails or is interrupted.
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

export interface Running {
  spec: ServerSpec;
  url: string;
  child: ChildProcess;
  /** Milliseconds from spawn to the first 200 from /health. */
  startMs: number;
}

let starts = 0;

export async function start(spec: ServerSpec, database: string, scratch: string, settings: Record<string, string> = {}): Promise<Running> {
  // A fresh name for every start: a baseline stopped by SIGTERM leaves its -wal
  // behind, which SQLite would replay into the next database copied to that name.
  const file = join(scratch, `${spec.name.replaceAll(/\W+/g, '-')}-${++starts}-${basename(database)}`);
  copyFileSync(database, file);
  // On disk before it serves: the kernel writing back half a gigabyte of copy
  // would otherwise compete with the server for the core it runs on.
  const copy = openSync(file, 'r+');
  fsyncSync(copy);
  closeSync(copy);
  const started = performance.now();
  // Core 0 is the server's; the load generator gets core 1. Its stdout goes
  // straight to a file, as logs do in production: never through this process,
  // which is busy waiting for wrk and would stall the pipe.
  const log = `${file}.log`;
  const output = openSync(log, 'w');
  const child = spawn('taskset', ['-c', '0', ...spec.command], {
    env: { ...process.env, PORT: '0', ...spec.env(file), ...settings },
    stdio: ['ignore', output, 'inherit'],
  });
  closeSync(output);
  live.add(child);
  child.once('exit', () => live.delete(child));
  let url: string | undefined;
  while (!url) {
    if (child.exitCode !== null) throw new Error(`${spec.name} exited with ${child.exitCode}`);
    url = /"url":"([^"]+)"/.exec(readFileSync(log, 'utf8'))?.[1];
    if (!url) await sleep(5);
  }
  while ((await fetch(new URL('health', url)).catch(() => undefined))?.status !== 200);
  return { spec, url, child, startMs: performance.now() - started };
}

/** Resident memory, from the kernel. */
export function rssMiB({ child }: Running): number {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

export async function stop({ child }: Running) {
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
}
