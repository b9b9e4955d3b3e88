// `pnpm build` in a Worker's folder (apps/workers, apps/workers-postgres):
// the bundle `wrangler deploy` would upload (into dist/), its size, and its
// startup CPU time, against that folder's budget.json.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { writeDocsAssets } from './docs-assets.ts';

const app = process.cwd();
const name = basename(app);
const wrangler = createRequire(join(app, 'package.json')).resolve('wrangler');
const budget = JSON.parse(readFileSync(join(app, 'budget.json'), 'utf8')) as { gzipKiB: number; startupCpuMs: number };
const run = (...args: string[]) =>
  execFileSync(process.execPath, [wrangler, ...args], {
    cwd: app,
    encoding: 'utf8',
    env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1' },
  });

// The static assets beside the bundle (the /docs files), as `pnpm deploy` writes them first.
writeDocsAssets(join(app, '.assets'));
const upload = /Total Upload: ([\d.]+) KiB \/ gzip: ([\d.]+) KiB/.exec(run('deploy', '--dry-run', '--outdir', 'dist'));
const startup = /Active: ([\d.]+) ms/.exec(run('check', 'startup', '--outfile', join('dist', 'startup.cpuprofile')));
if (!upload || !startup) throw new Error('wrangler did not report the bundle size or the startup time');
const [, sizeKiB, gzipKiB] = upload.map(Number) as [number, number, number];
const startupMs = Number(startup[1]);

const within = gzipKiB <= budget.gzipKiB && startupMs <= budget.startupCpuMs;
console.log(`Worker bundle (${name}): ${sizeKiB} KiB, ${gzipKiB} KiB gzipped (budget ${budget.gzipKiB} KiB)`);
console.log(`Worker startup (${name}): ${startupMs} ms of CPU, profiled locally by wrangler check startup (budget ${budget.startupCpuMs} ms)`);
console.log(within ? 'Within budget.' : `OVER BUDGET: see apps/${name}/budget.json.`);
process.exitCode = within ? 0 : 1;
