// pnpm bench:layers [--before <checkout>]: where a request's CPU time goes,
// layer by layer, for GET /posts/:id and POST /posts on Bun and on Node. Each
// app runs from source under its runtime's sampling profiler on core 0 while
// wrk loads it from core 1; start-up, warm-up and idle time are cut from the
// profile, and each layer's time is divided by the requests answered. With
// --before, the same for another checkout (an older commit, its dependencies
// installed), side by side. Writes bench/results/layers.md and layers.json.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { layerOf, runtime } from './classify.ts';
import { lastBusyStretch, readProfile } from './profile.ts';
import { seeded } from '../lib/data.ts';
import { endpoints, load } from '../lib/load.ts';
import { bench, bun, node, root } from '../lib/paths.ts';
import { appEnv, start, stop } from '../lib/servers.ts';

const beforeAt = process.argv.indexOf('--before');
const checkouts = { after: root, ...(beforeAt > 0 ? { before: resolve(process.argv[beforeAt + 1]!) } : {}) };
const [warmupSeconds, seconds] = [2, 5];
const measured = ['GET /posts/:id', 'POST /posts'].map((name) => endpoints.find((endpoint) => endpoint.name === name)!);
// V8 samples every 100 µs whatever runs, native code included ("(program)"), so a sample stands for
// the time to the next. JSC samples JavaScript only, a busy loop about every 1.3 intervals (measured
// at 250 µs), so a Bun sample stands for at most that: the rest of a gap is native work it did not see.
const intervals = { bun: 250, node: 100 };
const caps = { bun: 1.3, node: 4 };
const scratch = mkdtempSync(join(tmpdir(), 'anywhere-layers-'));
process.once('exit', () => rmSync(scratch, { recursive: true, force: true }));

const { small: dataset } = await seeded(join(bench, '.data'), { large: false });
const ticksPerSecond = 100;
const cpuMicros = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) / ticksPerSecond) * 1e6; // utime + stime
};

interface Measurement {
  requests: number;
  /** Process CPU per request, from the kernel. */
  cpuMicros: number;
  /** CPU per request, by layer, from the profile. */
  layers: Record<string, number>;
}

async function measure(checkout: string, runtimeName: 'bun' | 'node', endpoint: (typeof measured)[number]): Promise<Measurement> {
  const run = mkdtempSync(join(scratch, 'run-'));
  const interval = intervals[runtimeName];
  const profiler = ['--cpu-prof', `--cpu-prof-dir=${run}`, `--cpu-prof-interval=${interval}`];
  const command = runtimeName === 'bun' ? [bun, ...profiler, join(checkout, 'apps/bun/src/main.ts')] : [node, ...profiler, join(checkout, 'apps/node/src/main.ts')];
  // As the bench runs the apps: request log on, the rate limiter counting but never refusing.
  const server = await start({ name: `${runtimeName} at ${checkout}`, runtime: runtimeName, app: true, command, env: appEnv }, dataset.file, run);
  const { url, child } = server;
  const script = endpoint.script(dataset);
  load(url, script, warmupSeconds, run);
  await sleep(1000);
  const cpuBefore = cpuMicros(child.pid!);
  const { requests } = load(url, script, seconds, run);
  const cpu = cpuMicros(child.pid!) - cpuBefore;
  await sleep(500);
  await stop(server);
  const profile = readdirSync(run).find((name) => name.endsWith('.cpuprofile'));
  if (!profile) throw new Error(`${runtimeName} wrote no profile`);
  const samples = readProfile(join(run, profile), interval, caps[runtimeName]);
  const idle = (sample: (typeof samples)[number]) => layerOf(sample.stack) === undefined;
  const window = lastBusyStretch(samples, seconds * 0.8 * 1e6, idle, 0.05);
  const layers: Record<string, number> = {};
  for (const sample of window) {
    const layer = layerOf(sample.stack);
    if (layer) layers[layer] = (layers[layer] ?? 0) + sample.micros / requests;
  }
  // JSC's sampler records JavaScript only: what Bun does natively (its HTTP server, SQLite) is the kernel's count less the samples.
  if (runtimeName === 'bun') {
    const sampled = Object.values(layers).reduce((sum, micros) => sum + micros, 0);
    layers[`${runtime} (native, unsampled)`] = Math.max(0, cpu / requests - sampled);
  }
  rmSync(run, { recursive: true, force: true });
  return { requests, cpuMicros: cpu / requests, layers };
}

const results: Record<string, Record<string, Measurement>> = {};
for (const endpoint of measured) {
  for (const runtimeName of ['bun', 'node'] as const) {
    const key = `${runtimeName === 'bun' ? 'Bun' : 'Node'}, ${endpoint.name}`;
    results[key] = {};
    for (const [label, checkout] of Object.entries(checkouts)) {
      console.log(`${key}, ${label}…`);
      results[key][label] = await measure(checkout, runtimeName, endpoint);
    }
  }
}

const micros = (value: number | undefined) => (value === undefined ? '' : value.toFixed(1));
const labels = Object.keys(checkouts);
const sections = Object.entries(results).map(([key, byCheckout]) => {
  const layerNames = [...new Set(Object.values(byCheckout).flatMap((m) => Object.keys(m.layers)))].toSorted(
    (a, b) => Math.max(...labels.map((l) => byCheckout[l]?.layers[b] ?? 0)) - Math.max(...labels.map((l) => byCheckout[l]?.layers[a] ?? 0)),
  );
  const rows = layerNames.map((layer) => `| ${layer} | ${labels.map((l) => micros(byCheckout[l]?.layers[layer])).join(' | ')} |`);
  return [
    `### ${key}`,
    '',
    `| layer (CPU µs per request) | ${labels.join(' | ')} |`,
    `| --- | ${labels.map(() => '---:').join(' | ')} |`,
    ...rows,
    `| **process CPU per request (kernel)** | ${labels.map((l) => `**${micros(byCheckout[l]?.cpuMicros)}**`).join(' | ')} |`,
    '',
  ].join('\n');
});
mkdirSync(join(bench, 'results'), { recursive: true });
writeFileSync(join(bench, 'results/layers.json'), `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(
  join(bench, 'results/layers.md'),
  [
    '# Where a request\'s time goes',
    '',
    `Written by \`pnpm bench:layers${beforeAt > 0 ? ' --before <checkout>' : ''}\`. Each app from source, on one core, under wrk (16 connections) for ${seconds} s after a ${warmupSeconds} s warm-up; CPU time by layer from the runtime's sampling profiler (${intervals.node} µs on Node, ${intervals.bun} µs on Bun), start-up and idle cut, divided by the requests answered. A sample is charged to the nearest frame of a known layer, so a native call is its caller's. JSC's profiler samples JavaScript only: on Bun the native part (its HTTP server, SQLite's own work, garbage collection) is the kernel's CPU count less what was sampled.`,
    '',
    ...sections,
  ].join('\n'),
);
console.log(readFileSync(join(bench, 'results/layers.md'), 'utf8'));
