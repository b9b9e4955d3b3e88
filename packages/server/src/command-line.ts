// The command line a desktop shell (Tauri, Electron) starts the API with:
//   anywhere --port 0 --host 127.0.0.1 --data-dir <dir>
// Flags win over the environment. When any is given the process runs as a
// sidecar: one JSON line on stdout once it listens, logs on stderr, and it
// exits when its parent does.

export interface CommandLine {
  port?: string;
  host?: string;
  dataDir?: string;
  /** Started with flags: the sidecar contract applies. */
  sidecar: boolean;
}

const flags = { '--port': 'port', '--host': 'host', '--data-dir': 'dataDir' } as const;

export const usage = [
  'Usage: anywhere [--port <number, 0 picks a free one>] [--host <address>] [--data-dir <directory>]',
  '       anywhere health   exits 0 when the server PORT and HOST name answers GET /health (a container HEALTHCHECK)',
].join('\n');

/** Parses `--flag value` and `--flag=value`; anything else is an error that names the usage. */
export function parseCommandLine(argv: readonly string[]): CommandLine {
  const parsed: CommandLine = { sidecar: false };
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i]!;
    const [flag, inline] = argument.split(/=(.*)/s, 2) as [string, string | undefined];
    const key = flags[flag as keyof typeof flags];
    const value = inline ?? argv[++i];
    if (!key || value === undefined || value === '') throw new Error(`Cannot read ${argument}.\n${usage}`);
    parsed[key] = value;
    parsed.sidecar = true;
  }
  return parsed;
}

/** The environment with the command line's settings on top; `--data-dir` names the database inside it. */
export function withCommandLine(
  env: Readonly<Record<string, string | undefined>>,
  { port, host, dataDir }: CommandLine,
  databaseIn: (dataDir: string) => string,
): Record<string, string | undefined> {
  return {
    ...env,
    ...(port === undefined ? {} : { PORT: port }),
    ...(host === undefined ? {} : { HOST: host }),
    ...(dataDir === undefined ? {} : { DATABASE_URL: databaseIn(dataDir) }),
  };
}

/** The slice of `process` that tells whether the parent is still there. */
export interface ParentWatch {
  readonly ppid: number;
}

/**
 * Calls `orphaned` once the process that started this one is gone (Unix
 * re-parents an orphan, so its parent pid changes). Polling catches a
 * parent killed with SIGKILL, which no signal or pipe reports reliably.
 */
export function watchParent(process: ParentWatch, orphaned: () => void, intervalMs = 500): () => void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid !== parent) {
      clearInterval(timer);
      orphaned();
    }
  }, intervalMs);
  // Watching must not keep the process alive by itself.
  (timer as { unref?: () => void }).unref?.();
  return () => clearInterval(timer);
}
