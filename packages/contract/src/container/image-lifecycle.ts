// The image's life, as a user runs it: start, write, docker stop, a new
// container on the same volume, on a read-only root, as a non-root user.
import { createClient } from '@anywhere/core/client';
import { expect } from 'vitest';
import { figure } from '../figures.ts';
import { freePort } from '../process.ts';
import { healthy, runContainer } from './container.ts';
import { createVolume, inspect, processUid } from './docker.ts';

/** The uid distroless calls nonroot, which the Dockerfile sets. */
export const nonroot = 65532;

/**
 * Starts `image` (`name` in its figures) on a new volume (healthy by its own HEALTHCHECK), creates an
 * author and a post, stops it with `docker stop` (exit 0 before Docker's kill),
 * then starts a new container on the same volume with a read-only root and
 * reads the post back.
 */
export async function runImageLifecycle(image: string, name: string, adminToken: string): Promise<void> {
  using volume = createVolume();
  const env = { ADMIN_TOKEN: adminToken };
  let post: unknown;
  {
    await using first = await runContainer({ image, port: await freePort(), env, volume: volume.name, healthInterval: '1s' });
    expect(processUid(first.name)).toBe(nonroot);
    await healthy(first);

    const admin = createClient(first.url.href, { token: adminToken });
    const author = await (await admin.authors.$post({ json: { name: 'Contained', email: `${crypto.randomUUID()}@example.com` } })).json();
    const created = await createClient(first.url.href, { token: author.token }).posts.$post({
      json: { title: 'Kept on the volume', body: 'Written before docker stop.', status: 'published', tags: ['container'] },
    });
    expect(created.status).toBe(201);
    post = await created.json();

    // Docker's default: SIGTERM, then SIGKILL after 10 s. Exit 0 means the app stopped itself in time.
    const stopped = await first.stop(10);
    expect(stopped.exitCode).toBe(0);
    expect(stopped.ms).toBeLessThan(10_000);
    expect(first.logs()).toMatch(/"event":"stopped"/);
    figure('container', `${name} image: ${Math.round(first.startMs)} ms from docker run to a 200 on a new volume, docker stop in ${Math.round(stopped.ms)} ms`);
  }

  await using second = await runContainer({ image, port: await freePort(), env, volume: volume.name, readOnly: true });
  expect(inspect(second.name).HostConfig.ReadonlyRootfs).toBe(true);
  expect(processUid(second.name)).toBe(nonroot);
  const id = (post as { id: number }).id;
  const read = await createClient(second.url.href).posts[':id'].$get({ param: { id: String(id) } });
  expect(read.status).toBe(200);
  expect(await read.json()).toEqual(post);
  // Writes still work: only /data is writable, and that is all the app writes.
  const admin = createClient(second.url.href, { token: adminToken });
  expect((await admin.authors.$post({ json: { name: 'Read-only root', email: `${crypto.randomUUID()}@example.com` } })).status).toBe(201);
  const stopped = await second.stop(10);
  expect(stopped.exitCode).toBe(0);
  figure('container', `${name} image: ${Math.round(second.startMs)} ms from docker run to a 200 on an existing volume, read-only root`);
}
