// pnpm bench [--quick]: the apps against their runtimes' bare limits and
// Fastify, on the same data, one core for the server and one for wrk.
// Writes bench/results/results.md, results.json and chart.svg; --quick (about
// three minutes, for development) runs fewer endpoints and rounds, skips the
// million-post data, and writes nothing.
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seeded } from './lib/data.ts';
import { connections, endpoints, load, type Sample } from './lib/load.ts';
import { bench, bun, root } from './lib/paths.ts';
import { chart, markdown, type Row, type WritePath } from './lib/report.ts';
import { rssMiB, specs, start, stop, type Running } from './lib/servers.ts';
import { met, references, targets as targetsOf } from './lib/targets.ts';

const quick = process.argv.includes('--quick');
const [rounds, seconds, warmup] = quick ? [2, 3, 1] : [3, 5, 3];
const measured = endpoints.filter((endpoint) => !quick || endpoint.quick);
const scratch = mkdtempSync(join(tmpdir(), 'anywhere-bench-'));
process.once('exit', () => rmSync(scratch, { recursive: true, force: true }));
const median = (values: number[]) => values.toSorted((a, b) => a - b)[Math.floor(values.length / 2)]!;

console.log('Building the Node dist and the single executable…');
execFileSync(process.execPath, ['scripts/build.ts'], { cwd: join(root, 'apps/node'), stdio: 'ignore' });
execFileSync(process.execPath, ['scripts/build-binary.ts'], { cwd: join(root, 'apps/bun'), stdio: 'ignore' });
console.log('Preparing the data (cached in bench/.data)…');
const data = await seeded(join(bench, '.data'), { large: !quick });

const samples = new Map<string, Sample[]>(); // `${endpoint}\u0000${server}`
const rss: Record<string, number> = {};
const starts: Record<string, number> = {};

const stopAndMeasure = async (server: Running) => {
  rss[server.spec.name] = Math.max(rss[server.spec.name] ?? 0, rssMiB(server));
  await stop(server);
};

// Reads come first; each write round starts every server on a fresh copy of the data, so no write pollutes a read.
for (const size of quick ? (['small'] as const) : (['small', 'large'] as const)) {
  const dataset = data[size]!;
  const running: Running[] = [];
  for (const spec of specs) running.push(await start(spec, dataset.file, scratch));
  if (size === 'small') for (const server of running) starts[server.spec.name] = server.startMs;
  for (const endpoint of measured.filter((e) => e.dataset === size)) {
    const script = endpoint.script(dataset);
    console.log(`${endpoint.name} (${dataset.posts.toLocaleString('en-US')} posts)`);
    if (!endpoint.writes) for (const server of running) load(server.url, script, warmup, scratch);
    const taking = running.map((server, index) => ({ server, index })).filter(({ server }) => !endpoint.appsWith || server.spec.app);
    for (let round = 0; round < rounds; round++) {
      // Each round visits the servers in a different order, so no one always runs first.
      for (let i = 0; i < taking.length; i++) {
        const at = taking[(i + round) % taking.length]!.index;
        if (endpoint.writes) {
          await stopAndMeasure(running[at]!);
          running[at] = await start(running[at]!.spec, dataset.file, scratch, endpoint.appsWith);
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
if (!quick) {
  const spec = { name: 'anywhere on Bun, from source', runtime: 'bun', app: true, command: [bun, join(root, 'apps/bun/src/main.ts')], env: (file: string) => ({ DATABASE_URL: `file:${file}` }) } as const;
  const fromSource = await start({ ...spec, command: [...spec.command] }, data.small.file, scratch);
  starts[fromSource.spec.name] = fromSource.startMs;
  await stop(fromSource);
}

// Where a POST's time goes, in-process on each runtime: Drizzle's write against the same SQL raw.
const writePaths: Record<string, WritePath> = {};
for (const [runtime, command] of [['Bun', bun], ['Node', process.execPath]] as const) {
  const copy = join(scratch, `write-path-${runtime}.db`);
  copyFileSync(data.small.file, copy);
  const script = join(bench, 'write-path', `${runtime.toLowerCase()}.ts`);
  writePaths[runtime] = JSON.parse(execFileSync('taskset', ['-c', '0', command, script, copy], { encoding: 'utf8' })) as WritePath;
}

// Each app against its reference, medians of the rounds.
const rows: Row[] = [];
for (const endpoint of measured) {
  for (const spec of specs) {
    const runs = samples.get(`${endpoint.name}\u0000${spec.name}`);
    if (!runs) continue;
    const med = {
      requestsPerSecond: median(runs.map((s) => s.requestsPerSecond)),
      p50Ms: median(runs.map((s) => s.p50Ms)),
      p99Ms: median(runs.map((s) => s.p99Ms)),
      errors: runs.reduce((sum, s) => sum + s.errors, 0),
      requests: runs.reduce((sum, s) => sum + s.requests, 0),
    };
    rows.push({ endpoint: endpoint.name, server: spec.name, median: med, ratio: undefined, reference: references[spec.name] });
  }
}
const rps = (endpoint: string, server: string) => rows.find((r) => r.endpoint === endpoint && r.server === server)?.median.requestsPerSecond;
for (const row of rows) {
  const reference = row.reference && rps(row.endpoint, row.reference);
  if (reference) row.ratio = row.median.requestsPerSecond / reference;
}
const targets = targetsOf(rows);

console.log('Building the Worker for its size and startup time…');
const worker = execFileSync(process.execPath, ['../../scripts/build-worker.ts'], { cwd: join(root, 'apps/workers'), encoding: 'utf8' });
const versions = (command: string, args: string[]) => execFileSync(command, args, { encoding: 'utf8' }).trim();
const footer = [
  `${worker.trim().split('\n').slice(0, 2).join('. ')}.`,
  `${rounds} rounds of ${seconds} s per endpoint and server after a ${warmup} s warm-up, medians; wrk -t1 -c${connections} on core 1, the server on core 0 (taskset).`,
  `Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Linux ${versions('uname', ['-r'])}. Bun ${versions(bun, ['--version'])}, Node ${process.versions.node}. ${new Date().toISOString().slice(0, 10)}.`,
].join('\n\n');

const report = markdown(rows, rss, starts, targets, footer, references, writePaths);
if (!quick) {
  const results = join(bench, 'results');
  mkdirSync(results, { recursive: true });
  writeFileSync(join(results, 'results.md'), report);
  writeFileSync(join(results, 'results.json'), `${JSON.stringify({ rows, rss, starts, targets, writePaths }, null, 2)}\n`);
  writeFileSync(join(results, 'chart.svg'), chart(rows, `Requests per second, one core (${new Date().toISOString().slice(0, 10)})`));
}

console.log(`\n${report}`);
for (const target of targets) {
  if (!met(target)) console.log(`MISSED: ${target.name}: ${target.measured.toFixed(2)}, wanted ${target.atMost ? '≤' : '≥'} ${target.wanted}`);
}
