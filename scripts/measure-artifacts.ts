// pnpm measure: every shipped artifact's size, and its cold start (process
// start to the first 200 from /health), median of five, on a new database
// (created and migrated) and on an existing one. Prints a Markdown table.
// The container images are measured as they are (pnpm build:image makes
// them), from `docker run` on a new or existing volume, when Docker has them.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { cpSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const root = join(import.meta.dirname, '..');
const bun = createRequire(join(root, 'apps/bun/package.json')).resolve('bun/bin/bun.exe');
const node = process.execPath;
const runs = 5;

const build = (app: string, script = app === 'bun' ? 'scripts/build-binary.ts' : 'scripts/build.ts') =>
  execFileSync(process.execPath, [script], { cwd: join(root, 'apps', app), encoding: 'utf8' });
build('bun');
build('node');
const workers = ['workers', 'workers-postgres'].map((app) => build(app, '../../scripts/build-worker.ts')).join('\n');

// The Node dist, deployed the way the README says: copied, production dependencies installed.
const nodeDist = mkdtempSync(join(tmpdir(), 'anywhere-measure-node-'));
cpSync(join(root, 'apps/node/dist'), nodeDist, { recursive: true });
execFileSync('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: nodeDist });

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const size = (path: string) => Number(execFileSync('du', ['-sb', path], { encoding: 'utf8' }).split('\t')[0]);

interface Subject {
  name: string;
  size: string;
  command: string;
  args: string[];
  cwd?: string;
}
const subjects: Subject[] = [
  { name: 'Bun single executable, SQLite (`dist/anywhere`)', size: mib(statSync(join(root, 'apps/bun/dist/anywhere')).size), command: join(root, 'apps/bun/dist/anywhere'), args: [] },
  { name: 'Bun single executable, PGlite (`dist/anywhere-pglite`)', size: mib(statSync(join(root, 'apps/bun/dist/anywhere-pglite')).size), command: join(root, 'apps/bun/dist/anywhere-pglite'), args: [] },
  { name: 'Node `dist/` with production dependencies', size: mib(size(nodeDist)), command: node, args: ['app/main.js'], cwd: nodeDist },
  { name: 'Bun from source (`bun src/main.ts`)', size: '–', command: bun, args: [join(root, 'apps/bun/src/main.ts')] },
  { name: 'Node from source (`node src/main.ts`)', size: '–', command: node, args: [join(root, 'apps/node/src/main.ts')] },
];

/** Milliseconds from spawn to the first 200 from /health. */
async function coldStart({ command, args, cwd }: Subject, directory: string): Promise<number> {
  const started = performance.now();
  const child = spawn(command, args, {
    cwd: cwd ?? directory,
    env: { PATH: `${dirname(node)}:/usr/bin:/bin`, PORT: '0', DATABASE_URL: `file:${join(directory, 'anywhere.db')}`, ...(command.endsWith('pglite') ? { DATABASE_URL: `pglite:${join(directory, 'pg')}` } : {}) },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = /"url":"([^"]+)"/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`${command} exited with ${code}`)));
  });
  for (;;) {
    const response = await fetch(new URL('health', url)).catch(() => undefined);
    if (response?.status === 200) break;
  }
  const elapsed = performance.now() - started;
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  return elapsed;
}

const docker = (args: string[]) => execFileSync('docker', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
const images = [
  { name: 'Container image, SQLite (`anywhere:local`)', tag: 'anywhere:local' },
  { name: 'Container image, PGlite (`anywhere:local-pglite`)', tag: 'anywhere:local-pglite' },
].filter(({ tag }) => spawnSync('docker', ['image', 'inspect', tag], { stdio: 'ignore' }).status === 0);

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** Milliseconds from `docker run` (host network, the volume on /data) to the first 200 from /health on 127.0.0.1. */
async function containerColdStart(tag: string, volume: string): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const name = docker(['run', '--detach', '--network', 'host', '--env', `PORT=${port}`, '--env', 'HOST=127.0.0.1', '--volume', `${volume}:/data`, tag]);
  for (;;) {
    const response = await fetch(`http://127.0.0.1:${port}/health`).catch(() => undefined);
    if (response?.status === 200) break;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const elapsed = performance.now() - started;
  docker(['rm', '--force', name]);
  return elapsed;
}

const median = (values: number[]) => values.toSorted((a, b) => a - b)[Math.floor(values.length / 2)]!;
const rows: string[] = [];
for (const subject of subjects) {
  const fresh: number[] = [];
  const again: number[] = [];
  for (let i = 0; i < runs; i++) {
    const directory = mkdtempSync(join(tmpdir(), 'anywhere-measure-'));
    fresh.push(await coldStart(subject, directory));
    again.push(await coldStart(subject, directory));
    rmSync(directory, { recursive: true, force: true });
  }
  rows.push(`| ${subject.name} | ${subject.size} | ${Math.round(median(fresh))} ms | ${Math.round(median(again))} ms |`);
}
for (const { name, tag } of images) {
  const fresh: number[] = [];
  const again: number[] = [];
  for (let i = 0; i < runs; i++) {
    const volume = docker(['volume', 'create']);
    fresh.push(await containerColdStart(tag, volume));
    again.push(await containerColdStart(tag, volume));
    docker(['volume', 'rm', volume]);
  }
  const megabytes = `${(Number(docker(['image', 'inspect', '--format', '{{.Size}}', tag])) / 1e6).toFixed(1)} MB`;
  rows.push(`| ${name} | ${megabytes} | ${Math.round(median(fresh))} ms | ${Math.round(median(again))} ms |`);
}
rmSync(nodeDist, { recursive: true, force: true });

const workerRow = (app: string, label: string) => {
  const [, bundle] = new RegExp(`Worker bundle \\(${app}\\): (.+) \\(budget`).exec(workers) ?? [];
  const [, startup] = new RegExp(`Worker startup \\(${app}\\): ([\\d.]+ ms)`).exec(workers) ?? [];
  return `| ${label} (\`wrangler deploy\`) | ${bundle} | ${startup} of startup CPU (local profile) | – |`;
};
console.log(`| Artifact | Size | Cold start, new database | Cold start, existing database |
| --- | --- | --- | --- |
${rows.join('\n')}
${workerRow('workers', 'Worker bundle, D1')}
${workerRow('workers-postgres', 'Worker bundle, Hyperdrive')}

Median of ${runs} runs each; cold start is process start (\`docker run\` for an image) to the first 200 from /health.${images.length < 2 ? ' Container images not measured: build them with pnpm build:image.' : ''} ${new Date().toISOString().slice(0, 10)}, ${process.platform}-${process.arch}.`);
