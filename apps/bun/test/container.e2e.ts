import { matrix } from '@anywhere/contract';
import { localBaseImage } from '@anywhere/contract/container/base-image';
import { imageBytes, inspectImage, whyNoDocker } from '@anywhere/contract/container/docker';
import { nonroot, runImageLifecycle } from '@anywhere/contract/container/image-lifecycle';
import { describeSeveralMachines } from '@anywhere/contract/container/several-machines';
import { figure } from '@anywhere/contract/figures';
import { whyNoPostgres } from '@anywhere/contract/postgres-server';
import { whyNoRedis } from '@anywhere/contract/redis-server';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect } from 'vitest';

// The root Dockerfile's images, built by `pnpm build:image` as users build them,
// on a base image made here from Debian's packages (no registry is reachable).
const root = fileURLToPath(new URL('../../..', import.meta.url));
const noDocker = whyNoDocker();
const { testUnless } = matrix({ adapter: 'container' });
const adminToken = crypto.randomUUID() + crypto.randomUUID();
const images = { sqlite: 'anywhere:local', pglite: 'anywhere:local-pglite' };

let built: Promise<string> | undefined;
/** Builds both images once for the file; resolves with what the build printed. */
const buildImages = () =>
  (built ??= (async () => {
    const base = localBaseImage();
    const { stdout } = await promisify(execFile)(process.execPath, ['scripts/build-image.ts', '--base-image', base], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  })());

describe('the container image', () => {
  let output = '';
  beforeAll(async () => {
    if (!noDocker) output = await buildImages();
  }, 300_000);

  testUnless(noDocker, 'pnpm build:image prints each size and keeps anywhere:local within 150 MB; both run as nonroot in exec form, HOST=0.0.0.0, /data a volume, a HEALTHCHECK with no shell', () => {
    for (const tag of Object.values(images)) {
      const bytes = imageBytes(tag);
      expect(output).toContain(`image ${tag}: ${(bytes / 1e6).toFixed(1)} MB`);
      figure('container', `${tag}: ${(bytes / 1e6).toFixed(1)} MB uncompressed`);
      const { Config } = inspectImage(tag);
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

  testUnless(noDocker, `${images.sqlite} serves, stops with 0 on docker stop, and a new container on the same volume with a read-only root serves the same post, as nonroot`, () =>
    runImageLifecycle(images.sqlite, adminToken), 120_000);
  testUnless(noDocker, `${images.pglite} serves, stops with 0 on docker stop, and a new container on the same volume with a read-only root serves the same post, as nonroot`, () =>
    runImageLifecycle(images.pglite, adminToken), 240_000);
});

describeSeveralMachines({
  composeFile: `${root}/compose.yaml`,
  unavailable: noDocker ?? (await whyNoPostgres()) ?? (await whyNoRedis()),
  imageBuilt: async () => void (await buildImages()),
});
