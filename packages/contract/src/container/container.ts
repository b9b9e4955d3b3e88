import { spawnSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { dockerAsync, inspect } from './docker.ts';

export interface RunOptions {
  image: string;
  /** The port it listens on, on the host's network: PORT. */
  port: number;
  env?: Record<string, string>;
  /** A named volume, mounted on /data. */
  volume?: string;
  readOnly?: boolean;
  /** Docker asks the image's HEALTHCHECK this often (the image says 10 s; a test need not wait that long). */
  healthInterval?: string;
  startTimeoutMs?: number;
}

export interface Container extends AsyncDisposable {
  readonly name: string;
  /** http://127.0.0.1:<port>/: the host network, on loopback. */
  readonly url: URL;
  /** `docker run` to the first 200 from /health. */
  readonly startMs: number;
  logs(): string;
  /** `docker stop`: SIGTERM, then SIGKILL after `timeoutSeconds`. Resolves with the exit code and how long it took. */
  stop(timeoutSeconds?: number): Promise<{ exitCode: number; ms: number }>;
  /** SIGKILL to the whole container, as a machine that loses power. */
  kill(): Promise<void>;
}

/** Runs an image on the host network and resolves once /health answers 200 on 127.0.0.1. */
export async function runContainer({ image, port, env = {}, volume, readOnly = false, healthInterval, startTimeoutMs = 90_000 }: RunOptions): Promise<Container> {
  const name = `anywhere-test-${crypto.randomUUID().slice(0, 12)}`;
  const args = ['run', '--detach', '--name', name, '--network', 'host', '--env', `PORT=${port}`];
  for (const [key, value] of Object.entries(env)) args.push('--env', `${key}=${value}`);
  if (volume) args.push('--volume', `${volume}:/data`);
  if (readOnly) args.push('--read-only');
  if (healthInterval) args.push('--health-interval', healthInterval);

  const url = new URL(`http://127.0.0.1:${port}/`);
  const started = performance.now();
  await dockerAsync([...args, image]);
  const container: Container = {
    name,
    url,
    startMs: 0,
    logs: () => logsOf(name),
    async stop(timeoutSeconds = 10) {
      const began = performance.now();
      await dockerAsync(['stop', '--time', String(timeoutSeconds), name]);
      return { exitCode: inspect(name).State.ExitCode, ms: performance.now() - began };
    },
    async kill() {
      await dockerAsync(['kill', '--signal', 'KILL', name]);
    },
    [Symbol.asyncDispose]: async () => void (await dockerAsync(['rm', '--force', '--volumes', name]).catch(() => '')),
  };
  try {
    for (;;) {
      const status = await fetch(new URL('health', url), { signal: AbortSignal.timeout(2000) }).then(
        async (response) => {
          await response.arrayBuffer();
          return response.status;
        },
        () => 0,
      );
      if (status === 200) break;
      const { State } = inspect(name);
      if (!State.Running) throw new Error(`${image} exited with ${State.ExitCode} before /health answered:\n${logsOf(name)}`);
      if (performance.now() - started > startTimeoutMs) throw new Error(`${image}: no 200 from /health within ${startTimeoutMs} ms:\n${logsOf(name)}`);
      await sleep(50);
    }
  } catch (error) {
    await container[Symbol.asyncDispose]();
    throw error;
  }
  return { ...container, startMs: performance.now() - started };
}

/** What the container wrote, stdout and stderr (docker logs keeps them apart: each to its own stream). */
function logsOf(name: string): string {
  const { stdout, stderr, error } = spawnSync('docker', ['logs', name], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return error ? error.message : stdout + stderr;
}

/** Waits until Docker itself calls the container healthy, from the image's own HEALTHCHECK. */
export async function healthy(container: Container, timeoutMs = 60_000): Promise<void> {
  const began = performance.now();
  for (;;) {
    const health = inspect(container.name).State.Health?.Status;
    if (health === 'healthy') return;
    if (performance.now() - began > timeoutMs) throw new Error(`${container.name} is ${health ?? 'without a health check'} after ${timeoutMs} ms`);
    await sleep(250);
  }
}
