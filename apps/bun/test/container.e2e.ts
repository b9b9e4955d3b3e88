import { matrix } from '@anywhere/contract';
import { localBaseImage } from '@anywhere/contract/container/base-image';
import { imageBytes, inspectImage, removeImages, whyNoDocker } from '@anywhere/contract/container/docker';
import { nonroot, runImageLifecycle } from '@anywhere/contract/container/image-lifecycle';
import { describeSeveralMachines } from '@anywhere/contract/container/several-machines';
import { figure } from '@anywhere/contract/figures';
import { whyNoPostgres } from '@anywhere/contract/postgres-server';
import { whyNoRedis } from '@anywhere/contract/redis-server';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect } from 'vitest';

// The root Dockerfile's images, built by `pnpm build:image` as users build them,
// on a base image made here from Debian's packages (no registry is reachable).
const root = fileURLToPath(new URL('../../..', import.meta.url));
const noDocker = whyNoDocker();
const { testUnless } = matrix({ adapter: 'container' });
const adminToken = crypto.randomUUID() + crypto.randomUUID();
// This run's own tags (pnpm build:image --tag): test runs sharing one Docker daemon never run each other's images.
const tag = `anywhere-test:${crypto.randomUUID().slice(0, 12)}`;
const images = { sqlite: tag, pglite: `${tag}-pglite` };

let built: Promise<string> | undefined;
/** Builds both images once for the file; resolves with what the build printed. */
const buildImages = () =>
  (built ??= (async () => {
    const base = localBaseImage();
    const args = ['scripts/build-image.ts', '--base-image', base, '--tag', tag];
    const { stdout } = await promisify(execFile)(process.execPath, args, { cwd: root, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  })());
afterAll(() => {
  if (built) removeImages(Object.values(images));
});

describe('the container image', () => {
  let output = '';
  beforeAll(async () => {
    if (!noDocker) output = await buildImages();
  }, 300_000);

  testUnless(noDocker, 'pnpm build:image prints each size and keeps the SQLite image within 150 MB; both run as nonroot in exec form, HOST=0.0.0.0, /data a volume, a HEALTHCHECK with no shell', () => {
    for (const [name, image] of Object.entries(images)) {
      const bytes = imageBytes(image);
      expect(output).toContain(`image ${image}: ${(bytes / 1e6).toFixed(1)} MB`);
      figure('container', `${name} image: ${(bytes / 1e6).toFixed(1)} MB uncompressed`);
      const { Config } = inspectImage(image);
      expect(Config.User).toBe(`${nonroot}:${nonroot}`);
      expect(Config.Entrypoint).toEqual(['/app/anywhere']);
      expect(Config.Env).toContain('HOST=0.0.0.0');
      expect(Object.keys(Config.Volumes)).toEqual(['/data']);
      // CMD, not CMD-SHELL: Docker runs the executable itself.
      expect(Config.Healthcheck.Test).toEqual(['CMD', '/app/anywhere', 'health']);
    }
    expect(imageBytes(images.sqlite)).toBeLessThanOrEqual(150_000_000);
    expect(inspectImage(images.sqlite).Config.Env).toContain('DATABASE_URL=file:/data/anywhere.db');
    expect(inspectImage(images.pglite).Config.Env).toContain('DATABASE_URL=pglite:/data/pg');
  });

  for (const name of ['sqlite', 'pglite'] as const) {
    testUnless(noDocker, `the ${name} image serves, stops with 0 on docker stop, and a new container on the same volume with a read-only root serves the same post, as nonroot`, () =>
      runImageLifecycle(images[name], name, adminToken), 240_000);
  }
});

describeSeveralMachines({
  composeFile: `${root}/compose.yaml`,
  unavailable: noDocker ?? (await whyNoPostgres()) ?? (await whyNoRedis()),
  image: async () => {
    await buildImages();
    return images.sqlite;
  },
});
