// pnpm bench [--quick]: the apps against their runtimes' bare limits and
// Fastify, on the same data, one core for the server and one for wrk.
// Writes bench/results/results.md, results.json and chart.svg.
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seeded } from './lib/data.ts';
import { connections, endpoints, load, type Sample } from './lib/load.ts';
import { bench, bun, root } from './lib/paths.ts';
import { chart, markdown, type Row, type Target, type WritePath } from './lib/report.ts';
import { rssMiB, specs, start, stop, type Running } from './lib/servers.ts';

const quick = process.argv.includes('--quick');
const [rounds, seconds, warmup] = quick ? [1, 2, 1] : [3, 5, 3];
const scratch = mkdtempSync(join(tmpdir(), 'anywhere-bench-'));
process.once('exit', () => rmSync(scratch, { recursive: true, force: true }));
const median = (values: number[]) => values.toSorted((a, b) => a - b)[Math.floor(values.length / 2)]!;

console.log('Building the Node dist and the single executable…');
execFileSync(process.execPath, ['scripts/build.ts'], { cwd: join(root, 'apps/node'), stdio: 'ignore' });
execFileSync(process.execPath, ['scripts/build-binary.ts'], { cwd: join(root, 'apps/bun'), stdio: 'ignore' });
console.log('Preparing the data (cached in bench/.data)…');
const data = await seeded(join(bench, '.data'));

const samples = new Map<string, Sample[]>(); // `${endpoint}\u0000${server}`
const rss: Record<string, number> = {};
const starts: Record<string, number> = {};

const stopAndMeasure = async (server: Running) => {
  rss[server.spec.name] = Math.max(rss[server.spec.name] ?? 0, rssMiB(server));
  await stop(server);
};

for (const size of ['small', 'large'] as const) {
  const dataset = data[size];
  const running: Running[] = [];
  for (const spec of specs) running.push(await start(spec, dataset.file, scratch));
  if (size === 'small') for (const server of running) starts[server.spec.name] = server.startMs;
  for (const endpoint of endpoints.filter((e) => e.dataset === size)) {
    const script = endpoint.script(dataset);
    console.log(`${endpoint.name} (${dataset.posts.toLocaleString('en-US')} posts)`);
    if (!endpoint.writes) for (const server of running) load(server.url, script, warmup, scratch);
    for (let round = 0; round < rounds; round++) {
      // Each round visits the servers in a different order, so no one always runs first.
      for (let i = 0; i < running.length; i++) {
        const at = (i + round) % running.length;
        if (endpoint.writes) {
          await stopAndMeasure(running[at]!);
          running[at] = await start(running[at]!.spec, dataset.file, scratch);
          load(running[at]!.url, script, warmup, scratch);
        }
        const server = running[at]!;
        const sample = load(server.url, script, seconds, scratch);
        const key = `${endpoint.name}\u0000${server.spec.name}`;
        samples.set(key, [...(samples.get(key) ?? []), sample]);
        console.log(`  ${server.spec.name.padEnd(18)} ${sample.requestsPerSecond.toFixed(0).padStart(7)} req/s  p99 ${sample.p99Ms.toFixed(2)} ms  errors ${sample.errors}`);
      }
    }
  }
  for (const server of running) await (size === 'small' ? stopAndMeasure(server) : stop(server));
}

// The Bun app from its source too, for the start-up table: the servers above run as shipped.
const fromSource = await start(
  { name: 'anywhere on Bun, from source', runtime: 'bun', app: true, command: [bun, join(root, 'apps/bun/src/main.ts')], env: (file) => ({ DATABASE_URL: `file:${file}` }) },
  data.small.file,
  scratch,
);
starts[fromSource.spec.name] = fromSource.startMs;
await stop(fromSource);

// Where a POST's time goes, in-process on each runtime: Drizzle's write against the same SQL raw.
const writePaths: Record<string, WritePath> = {};
for (const [runtime, command] of [['Bun', bun], ['Node', process.execPath]] as const) {
  const copy = join(scratch, `write-path-${runtime}.db`);
  copyFileSync(data.small.file, copy);
  const script = join(bench, 'write-path', `${runtime.toLowerCase()}.ts`);
  writePaths[runtime] = JSON.parse(execFileSync('taskset', ['-c', '0', command, script, copy], { encoding: 'utf8' })) as WritePath;
}

// Each app against its runtime's bare limit.
const references: Record<string, string> = { 'anywhere on Bun': 'bare Bun', 'anywhere on Node': 'bare Node' };
const rows: Row[] = [];
for (const endpoint of endpoints) {
  for (const spec of specs) {
    const runs = samples.get(`${endpoint.name}\u0000${spec.name}`)!;
    const med: Sample = {
      requestsPerSecond: median(runs.map((s) => s.requestsPerSecond)),
      p50Ms: median(runs.map((s) => s.p50Ms)),
      p99Ms: median(runs.map((s) => s.p99Ms)),
      errors: runs.reduce((sum, s) => sum + s.errors, 0),
    };
    rows.push({ endpoint: endpoint.name, server: spec.name, median: med, ratio: undefined, reference: references[spec.name] });
  }
}
const rps = (endpoint: string, server: string) => rows.find((r) => r.endpoint === endpoint && r.server === server)!.median.requestsPerSecond;
for (const row of rows) if (row.reference) row.ratio = row.median.requestsPerSecond / rps(row.endpoint, row.reference);

const small = endpoints.filter((e) => e.dataset === 'small').map((e) => e.name);
const targets: Target[] = [
  { name: 'Bun app / bare Bun, GET /posts/:id', measured: rps('GET /posts/:id', 'anywhere on Bun') / rps('GET /posts/:id', 'bare Bun'), wanted: 0.8 },
  { name: 'Bun app / bare Bun, GET /posts?limit=20', measured: rps('GET /posts?limit=20', 'anywhere on Bun') / rps('GET /posts?limit=20', 'bare Bun'), wanted: 0.75 },
  { name: 'Bun app / bare Bun, POST /posts', measured: rps('POST /posts', 'anywhere on Bun') / rps('POST /posts', 'bare Bun'), wanted: 0.7 },
  ...small.map((endpoint) => ({ name: `Node app / Fastify, ${endpoint}`, measured: rps(endpoint, 'anywhere on Node') / rps(endpoint, 'Fastify'), wanted: 1 })),
  ...['anywhere on Bun', 'anywhere on Node'].map((server) => ({
    name: `${server.replace('anywhere on ', '')} app, deep cursor / first page at 1M posts`,
    measured: rps('GET /posts deep cursor at 1M', server) / rps('GET /posts?limit=20 at 1M', server),
    wanted: 0.9,
  })),
];

console.log('Building the Worker for its size and startup time…');
const worker = execFileSync(process.execPath, ['../../scripts/build-worker.ts'], { cwd: join(root, 'apps/workers'), encoding: 'utf8' });
const versions = (command: string, args: string[]) => execFileSync(command, args, { encoding: 'utf8' }).trim();
const footer = [
  `${worker.trim().split('\n').slice(0, 2).join('. ')}.`,
  `${rounds} rounds of ${seconds} s per endpoint and server after a ${warmup} s warm-up, medians; wrk -t1 -c${connections} on core 1, the server on core 0 (taskset).`,
  `Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Linux ${versions('uname', ['-r'])}. Bun ${versions(bun, ['--version'])}, Node ${process.versions.node}. ${new Date().toISOString().slice(0, 10)}.`,
].join('\n\n');

const results = join(bench, 'results');
mkdirSync(results, { recursive: true });
writeFileSync(join(results, 'results.md'), markdown(rows, rss, starts, targets, footer, references, writePaths));
writeFileSync(join(results, 'results.json'), `${JSON.stringify({ rows, rss, starts, targets, writePaths, quick }, null, 2)}\n`);
writeFileSync(join(results, 'chart.svg'), chart(rows, `Requests per second, one core (${new Date().toISOString().slice(0, 10)})`));

console.log(`\n${markdown(rows, rss, starts, targets, footer, references, writePaths)}`);
for (const { name, measured, wanted } of targets) {
  if (measured < wanted) console.log(`MISSED: ${name}: ${measured.toFixed(2)} < ${wanted} (by ${((1 - measured / wanted) * 100).toFixed(0)} %)`);
}
