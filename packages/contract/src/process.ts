import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export interface ServerProcess extends AsyncDisposable {
  readonly url: URL;
  readonly child: ChildProcess;
  /** Everything it printed so far, stdout and stderr interleaved. */
  output(): string;
  /** Sends `signal` and resolves with the exit code (null when a signal killed it). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface StartOptions {
  command: string;
  args: string[];
  cwd: string;
  env?: Record<string, string>;
  /** Reads the server's URL from one line of its output, once it is ready. */
  ready(line: string): string | undefined;
  timeoutMs?: number;
  /** Start from this process's environment (the default), or from `env` alone. */
  inheritEnv?: boolean;
}

/**
 * Starts a real server process and resolves once it says where it listens.
 * The default wait is generous: beside the rest of the test run on two cores,
 * four Node workers from source have taken more than 30 s to listen.
 */
export function startServer({ command, args, cwd, env = {}, ready, timeoutMs = 90_000, inheritEnv = true }: StartOptions): Promise<ServerProcess> {
  const child = spawn(command, args, { cwd, env: inheritEnv ? { ...process.env, ...env } : env, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let output = '';

  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (reason: string) => {
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${command} ${args.join(' ')} ${reason}:\n${output}`));
    };
    const timer = setTimeout(() => fail(`was not ready within ${timeoutMs} ms`), timeoutMs);
    const exitedEarly = (code: number | null) => fail(`exited with ${code} before it was ready`);
    child.once('exit', exitedEarly);

    let pending = '';
    const onData = (chunk: Buffer) => {
      output += chunk;
      if (settled) return;
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const url = ready(line);
        if (!url) continue;
        settled = true;
        clearTimeout(timer);
        child.off('exit', exitedEarly);
        const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          return exited;
        };
        resolve({
          url: new URL(url),
          child,
          output: () => output,
          stop,
          // A clean stop, or a kill once it has had 5 s: no test leaves a server behind.
          [Symbol.asyncDispose]: async () => {
            const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
            await stop('SIGTERM');
            clearTimeout(killer);
          },
        });
        return;
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
  });
}

/** The `url` of the app's `{"event":"listening"}` log line. */
export function listeningUrl(line: string): string | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const event = JSON.parse(line) as { event?: string; url?: string };
    return event.event === 'listening' ? event.url : undefined;
  } catch {
    return undefined;
  }
}

/** A port nobody listens on right now, for servers that cannot pick their own. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
