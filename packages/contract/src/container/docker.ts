// The docker CLI, for the container suite. Every container runs with
// `--network host` and is reached on 127.0.0.1 only: no test sends traffic to
// Docker's bridge network or any other address.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Runs docker and returns what it printed; a failure says what docker said. */
export function docker(args: string[], timeoutMs = 120_000): string {
  try {
    return execFileSync('docker', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const { stderr } = error as { stderr?: string };
    throw new Error(`docker ${args.join(' ')} failed: ${stderr?.trim() || (error as Error).message}`, { cause: error });
  }
}

/** The same, without holding up the test process's event loop (a test's own requests keep flowing). */
export async function dockerAsync(args: string[]): Promise<string> {
  try {
    return (await run('docker', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })).stdout;
  } catch (error) {
    const { stderr } = error as { stderr?: string };
    throw new Error(`docker ${args.join(' ')} failed: ${stderr?.trim() || (error as Error).message}`, { cause: error });
  }
}

/** Why the container suite cannot run here, or undefined when it can. CI sets ANYWHERE_REQUIRE_DOCKER to make that a failure. */
export function whyNoDocker(): string | undefined {
  let reason: string | undefined;
  try {
    docker(['version', '--format', '{{.Server.Version}}'], 15_000);
    // The local base image is made from Debian's packages (no registry is reachable here).
    for (const tool of ['apt-get', 'dpkg-deb']) execFileSync(tool, ['--version'], { stdio: 'ignore' });
  } catch (error) {
    reason = `no Docker daemon to build and run images (${(error as Error).message.split('\n')[0]}); start dockerd, or install docker.io`;
  }
  if (reason && process.env.ANYWHERE_REQUIRE_DOCKER) throw new Error(reason);
  return reason;
}

export interface Inspected {
  Id: string;
  State: { Status: string; Running: boolean; ExitCode: number; Pid: number; Health?: { Status: string } };
  Config: { User: string; Env: string[] };
  HostConfig: { ReadonlyRootfs: boolean; NetworkMode: string };
}

export const inspect = (container: string) => (JSON.parse(docker(['inspect', container])) as Inspected[])[0]!;

/** The user the container's main process runs as, read from the host's /proc: what the kernel says, not the image's label. */
export function processUid(container: string): number {
  const status = readFileSync(`/proc/${inspect(container).State.Pid}/status`, 'utf8');
  return Number(/^Uid:\s+(\d+)/m.exec(status)![1]);
}

/** A named volume, removed when the test is done with it. */
export function createVolume(): { name: string } & Disposable {
  const name = `anywhere-test-${crypto.randomUUID().slice(0, 12)}`;
  docker(['volume', 'create', name]);
  return { name, [Symbol.dispose]: () => void docker(['volume', 'rm', '-f', name]) };
}

export interface ImageConfig {
  Config: { User: string; Entrypoint: string[]; Env: string[]; Volumes: Record<string, object>; Healthcheck: { Test: string[] } };
}

export const inspectImage = (image: string) => (JSON.parse(docker(['image', 'inspect', image])) as ImageConfig[])[0]!;

/** An image's size as `docker image ls` counts it (uncompressed, every layer). */
export const imageBytes = (image: string) => Number(docker(['image', 'inspect', '--format', '{{.Size}}', image]).trim());

/** Untags images (and removes their layers when nothing else holds them); one that is gone already is fine. */
export const removeImages = (images: string[]) => void spawnSync('docker', ['image', 'rm', ...images], { stdio: 'ignore' });
