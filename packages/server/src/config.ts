// What a long-running server process (Bun, Node) reads from its environment
// beyond the app's own settings (core's loadAppConfig): where it listens, which
// database it opens, how many processes, and where they share rate limits.
import * as z from 'zod';
import { loadAppConfig, parse, synchronousLevels, unset, type AppConfig, type DatabaseTarget, type EnvSource, type Synchronous } from '@anywhere/core/config';

const databaseUrl = z
  .string()
  .regex(
    /^(file:.+|pglite:.+|postgres(ql)?:\/\/.+)$/,
    'must be file:<path> (SQLite), pglite:<directory> (PGlite) or postgres://… (a PostgreSQL server)',
  )
  .default('file:./data/anywhere.db');

const databaseFields = {
  DATABASE_URL: databaseUrl,
  DATABASE_POOL_MAX: z.coerce.number().int().positive().default(10),
  SQLITE_SYNCHRONOUS: z.preprocess(
    (value) => (typeof value === 'string' ? unset(value.trim().toLowerCase()) : value),
    z.enum(synchronousLevels, { error: 'must be normal or full' }).default('normal'),
  ),
};

/** More processes than this would only queue on SQLite's one writer. */
export const maxProcesses = 64;

const serverSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    ...databaseFields,
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().nonnegative().default(10_000),
    PROCESSES: z.coerce.number().int().min(1).max(maxProcesses).default(1),
    HEADERS_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
    REQUEST_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
    RATE_LIMIT_REDIS_URL: z.preprocess(unset, z.url({ protocol: /^rediss?$/, error: 'must be redis://… or rediss://…' }).optional()),
    RATE_LIMIT_REDIS_PREFIX: z.string().min(1).default('anywhere:rate-limit:'),
  })
  .refine((env) => env.PROCESSES === 1 || !env.DATABASE_URL.startsWith('pglite:'), {
    message: 'PGlite is one process: set PROCESSES=1, or use SQLite or a PostgreSQL server',
    path: ['PROCESSES'],
  });

/** What a long-running server process adds (Bun, Node). */
export interface ServerConfig extends AppConfig {
  port: number;
  host: string;
  database: DatabaseTarget;
  shutdownTimeoutMs: number;
  /** Where processes share their rate limit buckets; unset, each process counts alone in memory. */
  rateLimitRedis: { url: string; prefix: string } | undefined;
  /** Server processes sharing the port and the database (1: this one serves). */
  processes: number;
  /** How long a client may take to send a request's headers. */
  headersTimeoutMs: number;
  requestTimeoutMs: number;
}

export function loadServerConfig(env: EnvSource): ServerConfig {
  const parsed = parse(serverSchema, env);
  return {
    ...loadAppConfig(env),
    port: parsed.PORT,
    host: parsed.HOST,
    database: databaseTarget(parsed.DATABASE_URL, { poolMax: parsed.DATABASE_POOL_MAX, synchronous: parsed.SQLITE_SYNCHRONOUS }),
    shutdownTimeoutMs: parsed.SHUTDOWN_TIMEOUT_MS,
    rateLimitRedis: parsed.RATE_LIMIT_REDIS_URL === undefined ? undefined : { url: parsed.RATE_LIMIT_REDIS_URL, prefix: parsed.RATE_LIMIT_REDIS_PREFIX },
    processes: parsed.PROCESSES,
    headersTimeoutMs: parsed.HEADERS_TIMEOUT_MS,
    requestTimeoutMs: parsed.REQUEST_TIMEOUT_MS,
  };
}

/** The database alone, for one-shot commands (`pnpm db:backup`) that serve no HTTP. */
export function loadDatabaseTarget(env: EnvSource): DatabaseTarget {
  const parsed = parse(z.object(databaseFields), env);
  return databaseTarget(parsed.DATABASE_URL, { poolMax: parsed.DATABASE_POOL_MAX, synchronous: parsed.SQLITE_SYNCHRONOUS });
}

export function databaseTarget(url: string, { poolMax = 10, synchronous = 'normal' }: { poolMax?: number; synchronous?: Synchronous } = {}): DatabaseTarget {
  if (url.startsWith('file:')) return { kind: 'sqlite', path: url.slice('file:'.length), synchronous };
  if (url.startsWith('pglite:')) return { kind: 'pglite', dataDir: url.slice('pglite:'.length) };
  return { kind: 'postgres', url, poolMax };
}

/** Where a target's data lives, for logs: never a password. */
export function describeTarget(target: DatabaseTarget): string {
  if (target.kind === 'sqlite') return `sqlite:${target.path}`;
  if (target.kind === 'pglite') return `pglite:${target.dataDir}`;
  const url = new URL(target.url);
  url.password = '';
  return url.href;
}
