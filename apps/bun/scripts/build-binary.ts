// pnpm build:binary: single executables of the Bun app, with `bun build --compile`.
//   dist/anywhere         SQLite (bun:sqlite) by default; PostgreSQL servers too
//   dist/anywhere-pglite  PGlite (WASM Postgres) by default, its WASM and data embedded
// Each embeds the migrations, and needs no node_modules, no Bun and no Node to run.
//
//   build-binary.ts                        the host's two, named as above
//   build-binary.ts --target linux-arm64   both for one platform (repeatable): dist/anywhere-linux-arm64, …
//   build-binary.ts --all                  the host's two, both for every platform, and dist/SHA256SUMS
//   --outdir <dir>                         instead of dist/ (a test builds apart from another)
// Cross-compiling is Bun's own --target: Bun fetches each platform's runtime from
// the npm registry once and caches it.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { entrySource } from './entry.ts';
import { executableName, isPlatform, platforms, variants, type Platform, type Variant } from './platforms.ts';

const app = join(import.meta.dirname, '..');
const bun = createRequire(import.meta.url).resolve('bun/bin/bun.exe');

const { values } = parseArgs({
  options: { all: { type: 'boolean', default: false }, target: { type: 'string', multiple: true, default: [] }, outdir: { type: 'string', default: join(app, 'dist') } },
});
const dist = resolve(values.outdir);
const unknown = values.target.filter((name) => !isPlatform(name));
if (unknown.length) throw new Error(`Unknown --target ${unknown.join(', ')}: one of ${platforms.join(', ')}`);
const chosen: (Platform | undefined)[] = values.all ? [undefined, ...platforms] : values.target.length ? (values.target as Platform[]) : [undefined];
const jobs = chosen.flatMap((platform) => variants.map((variant) => ({ variant, platform })));

// A folder of this run's own: tests build in parallel, and one run must not delete another's entry.
mkdirSync(join(app, '.build'), { recursive: true });
const generated = mkdtempSync(join(app, '.build', 'run-'));
mkdirSync(dist, { recursive: true });
const started = performance.now();
try {
  const entries = Object.fromEntries(variants.map((variant) => [variant, join(generated, `${variant}.ts`)])) as Record<Variant, string>;
  for (const variant of variants) writeFileSync(entries[variant], entrySource({ app, generated, withPglite: variant === 'anywhere-pglite' }));
  // Two at a time: each compile is a second or two of bundling, then writing 100+ MB.
  const queue = [...jobs];
  const worker = async () => {
    for (let job = queue.shift(); job; job = queue.shift()) await compile(entries[job.variant], executableName(job.variant, job.platform), job.platform);
  };
  await Promise.all([worker(), worker()]);
  if (values.all) writeChecksums(await Promise.all(platforms.flatMap((platform) => variants.map((variant) => checksum(executableName(variant, platform))))));
  console.log(`built ${jobs.length} executables in ${((performance.now() - started) / 1000).toFixed(1)} s`);
} finally {
  rmSync(generated, { recursive: true, force: true });
}

/**
 * Compiles into a folder of its own, then renames: a reader (a test, `docker build`) never sees half
 * a file. The file keeps its final name there, because Bun embeds it (/$bunfs/root/<name>): the same
 * source builds the same bytes, so anyone can check SHA256SUMS by building it again.
 */
async function compile(entry: string, name: string, platform: Platform | undefined): Promise<void> {
  const folder = mkdtempSync(join(dist, '.building-'));
  const temporary = join(folder, name);
  const target = platform === undefined ? [] : [`--target=bun-${platform}`];
  const args = ['build', '--compile', '--minify', '--asset-naming=[dir]/[name].[ext]', ...target, entry, '--outfile', temporary];
  const child = spawn(bun, args, { cwd: app, stdio: ['ignore', 'inherit', 'inherit'] });
  const code = await new Promise<number | null>((done) => child.once('close', done));
  try {
    if (code !== 0) throw new Error(`bun build --compile for ${name} exited with ${code}`);
    renameSync(temporary, join(dist, name));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

async function checksum(name: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(join(dist, name))) hash.update(chunk as Buffer);
  return `${hash.digest('hex')}  ${name}`;
}

/** `sha256sum -c SHA256SUMS` (or `shasum -a 256 -c`) checks a download against it. */
function writeChecksums(lines: string[]): void {
  const temporary = join(dist, `.${crypto.randomUUID()}-SHA256SUMS`);
  writeFileSync(temporary, `${lines.join('\n')}\n`);
  renameSync(temporary, join(dist, 'SHA256SUMS'));
}
