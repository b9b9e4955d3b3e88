// pnpm build:image: the container images, from the root Dockerfile.
//   anywhere:local          SQLite (the default target); at most 150 MB, or this fails
//   anywhere:local-pglite   PGlite (--target pglite)
// It builds the Linux executables first (the Dockerfile copies them in), then
// prints each image's size.
//   --base-image <image>   another glibc base than the Dockerfile's (the tests
//                          build on one made from Debian's packages: no registry here)
//   --tag <name:tag>       instead of anywhere:local (the PGlite image adds -pglite);
//                          each test run builds its own, so runs sharing a daemon never swap images
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const root = join(import.meta.dirname, '..');
/** Uncompressed, as `docker image ls` counts it; the base image is about 15 MB of it. */
const budgetBytes = 150_000_000;

const { values } = parseArgs({ options: { 'base-image': { type: 'string' }, tag: { type: 'string', default: 'anywhere:local' } } });
const baseImage = values['base-image'] ? ['--build-arg', `BASE_IMAGE=${values['base-image']}`] : [];
const images = [
  { tag: values.tag, target: 'sqlite', budget: budgetBytes },
  { tag: `${values.tag}-pglite`, target: 'pglite', budget: undefined },
];

// Both architectures: the Dockerfile names both, and the classic builder reads every stage.
execFileSync(process.execPath, ['apps/bun/scripts/build-binary.ts', '--target', 'linux-x64', '--target', 'linux-arm64'], { cwd: root, stdio: 'inherit' });

const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
let over = false;
for (const { tag, target, budget } of images) {
  const started = performance.now();
  execFileSync('docker', ['build', '--target', target, '--tag', tag, ...baseImage, '.'], { cwd: root, stdio: 'inherit' });
  const bytes = Number(execFileSync('docker', ['image', 'inspect', '--format', '{{.Size}}', tag], { encoding: 'utf8' }).trim());
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const verdict = budget === undefined ? '' : bytes <= budget ? ` (budget ${megabytes(budget)})` : ` OVER its budget of ${megabytes(budget)}`;
  console.log(`image ${tag}: ${megabytes(bytes)}${verdict}, built in ${seconds} s`);
  if (budget !== undefined && bytes > budget) over = true;
}
// This file's images that no tag names any more (the classic builder keeps every stage's), once
// an hour old: a build running beside this one may still need its newest.
execFileSync('docker', ['image', 'prune', '--force', '--filter', 'label=org.opencontainers.image.title=anywhere', '--filter', 'until=1h'], { stdio: 'ignore' });
if (over) process.exit(1);
