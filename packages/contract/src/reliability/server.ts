// What the reliability tests share: a real entry point on a database that
// outlives its restarts, an author to write with, and the server's own lines.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import type { ServerEntryPoint } from '../entry-point.ts';
import { listeningUrl, startServer, type ServerProcess } from '../process.ts';

export interface RunDatabase {
  /** DATABASE_URL of the run's database, made on first use. */
  url(): Promise<string>;
  /** The SQLite file, when the run is on SQLite. */
  sqliteFile: string | undefined;
}

/** A database for the run (an SQLite file unless the target names another), dropped after it. */
export function runDatabase({ adapter, runtime, database }: ServerEntryPoint, label: string): RunDatabase {
  const directory = mkdtempSync(join(tmpdir(), `anywhere-${runtime.name}-${adapter}-${label}-`));
  const file = join(directory, 'anywhere.db');
  const open: NonNullable<ServerEntryPoint['database']> = database ?? (async () => ({ url: `file:${file}` }));
  let opened: ReturnType<typeof open> | undefined;
  afterAll(async () => {
    await (await opened)?.drop?.();
    rmSync(directory, { recursive: true, force: true });
  });
  return { url: async () => (await (opened ??= open(directory))).url, sqliteFile: database ? undefined : file };
}

/**
 * The app's real entry point on a free port. These tests load it on purpose
 * from one address, so rate limits are off unless a test sets them.
 */
export const startEntryPoint = ({ runtime, app }: ServerEntryPoint, env: Record<string, string>): Promise<ServerProcess> =>
  startServer({
    command: runtime.command,
    args: ['src/main.ts'],
    cwd: fileURLToPath(app),
    env: { PORT: '0', RATE_LIMIT: 'off', RATE_LIMIT_TOKEN: 'off', ...env },
    ready: listeningUrl,
  });

/** An author created by the operator, with the token it writes with. */
export async function newAuthor(url: URL, adminToken: string): Promise<{ id: number; token: string }> {
  const response = await fetch(new URL('authors', url), {
    method: 'POST',
    headers: { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'Reliability', email: `${crypto.randomUUID()}@example.com` }),
  });
  if (response.status !== 201) throw new Error(`POST /authors answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as { id: number; token: string };
}

/** The JSON lines a server printed (several processes may share its output: a torn line is skipped). */
export function jsonLines(server: ServerProcess): Record<string, unknown>[] {
  return server.output().split('\n').flatMap((line) => {
    if (!line.startsWith('{')) return [];
    try {
      return [JSON.parse(line) as Record<string, unknown>];
    } catch {
      return [];
    }
  });
}

/** Whether a process is gone (a zombie nobody reaped yet counts as gone). */
export function exited(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.startsWith('Z') ?? true;
  } catch {
    return true;
  }
}
