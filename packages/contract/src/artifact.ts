import { createClient } from '@anywhere/core/client';
import { expect } from 'vitest';
import { listeningUrl, startServer, type ServerProcess } from './process.ts';

export interface Artifact {
  /** The built artifact's command, arguments and working directory, as it would run on a server. */
  command: string;
  args?: string[];
  cwd: string;
  /** Only what the artifact needs: no PATH into node_modules. */
  env: Record<string, string>;
  adminToken: string;
  /** Checks the stopped artifact's database; resolves with what the check said. */
  integrity?: () => Promise<string>;
  /** How long a start may take to say it listens (an emulated CPU is slow). */
  timeoutMs?: number;
}

export interface Timing {
  /** Spawn to the `listening` line. */
  listeningMs: number;
  /** Spawn to the first 200 from /health. */
  firstResponseMs: number;
}

/** Starts the artifact and times it: spawn, listening line, first 200. */
export async function startArtifact({ command, args = [], cwd, env, timeoutMs }: Artifact): Promise<{ server: ServerProcess; timing: Timing }> {
  const started = performance.now();
  const server = await startServer({ command, args, cwd, env, ready: listeningUrl, inheritEnv: false, ...(timeoutMs ? { timeoutMs } : {}) });
  const listeningMs = performance.now() - started;
  expect((await fetch(new URL('health', server.url))).status).toBe(200);
  return { server, timing: { listeningMs, firstResponseMs: performance.now() - started } };
}

/**
 * The life of a shipped artifact: it serves a create-then-read, stops on
 * SIGTERM with exit 0 and its database intact, and serves the same data
 * after a restart. Returns both starts' timings, for the test to print.
 */
export async function runStopRestart(artifact: Artifact): Promise<Timing[]> {
  const first = await startArtifact(artifact);
  const admin = createClient(first.server.url, { token: artifact.adminToken });
  const author = await (await admin.authors.$post({ json: { name: 'Shipped', email: `${crypto.randomUUID()}@example.com` } })).json();
  const created = await createClient(first.server.url, { token: author.token }).posts.$post({
    json: { title: 'Survives a restart', body: 'Written before SIGTERM.', status: 'published', tags: ['shipped'] },
  });
  expect(created.status).toBe(201);
  const post = await created.json();
  // The reference's files are the artifact's own: embedded, or installed beside it.
  for (const [path, type] of [['docs', 'text/html'], ['docs/swagger-ui-bundle.js', 'text/javascript'], ['docs/swagger-ui.css', 'text/css'], ['docs/reference.js', 'text/javascript']]) {
    const response = await fetch(new URL(path!, first.server.url));
    expect({ path, status: response.status, type: response.headers.get('Content-Type') }).toEqual({ path, status: 200, type: expect.stringContaining(type!) });
    expect((await response.text()).length).toBeGreaterThan(100);
  }
  expect(await first.server.stop('SIGTERM')).toBe(0);
  expect(first.server.output()).toMatch(/"event":"stopped"/);
  if (artifact.integrity) expect(await artifact.integrity()).toBe('ok');

  const second = await startArtifact(artifact);
  try {
    const read = await createClient(second.server.url).posts[':id'].$get({ param: { id: String(post.id) } });
    expect(read.status).toBe(200);
    expect(await read.json()).toEqual(post);
  } finally {
    expect(await second.server.stop('SIGTERM')).toBe(0);
  }
  return [first.timing, second.timing];
}
