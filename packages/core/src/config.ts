import * as z from 'zod';
import { parseRule, type Rule } from './rate-limit/limiter.ts';

/** Whatever the runtime offers: process.env, Bun.env or a Worker's bindings. */
export type EnvSource = object;

export const logLevels = ['info', 'error', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

const unset = (value: unknown) => (value === '' ? undefined : value);
const flag = z.enum(['true', 'false']).transform((value) => value === 'true');

/** A rate limit rule, `600/60s`, or `off`: undefined. */
const rateRule = (fallback: string) =>
  z.preprocess(
    unset,
    z
      .string()
      .default(fallback)
      .transform((text, context) => {
        const rule = parseRule(text.trim());
        if (rule === undefined) {
          context.addIssue({ code: 'custom', message: 'must be <requests>/<period> with a unit of ms, s, m or h (600/60s), or off' });
          return z.NEVER;
        }
        return rule === 'off' ? undefined : rule;
      }),
  );

const appSchema = z
  .object({
    BODY_LIMIT_KB: z.coerce.number().int().positive().default(64),
    ADMIN_TOKEN: z.preprocess(unset, z.string().min(32, 'must be at least 32 characters').optional()),
    CORS_ORIGINS: z.preprocess(
      unset,
      z
        .string()
        .transform((list) => list.split(',').map((origin) => origin.trim()))
        .pipe(z.array(z.union([z.literal('*'), z.url({ protocol: /^https?$/ }).transform((url) => new URL(url).origin)])))
        .optional(),
    ),
    CORS_CREDENTIALS: flag.default(false),
    LOG_LEVEL: z.enum(logLevels).default('info'),
    RATE_LIMIT: rateRule('600/60s'),
    RATE_LIMIT_TOKEN: rateRule('600/60s'),
    TRUST_PROXY: flag.default(false),
  })
  .refine((env) => !(env.CORS_CREDENTIALS && env.CORS_ORIGINS?.includes('*')), {
    message: 'CORS_ORIGINS cannot be * when CORS_CREDENTIALS is true: list the origins',
    path: ['CORS_ORIGINS'],
  });

/**
 * When an SQLite commit reaches the disk (docs/configuration.md): `normal`
 * survives a crashed process but may lose the last commits to a power cut,
 * `full` fsyncs every commit.
 */
export const synchronousLevels = ['normal', 'full'] as const;
export type Synchronous = (typeof synchronousLevels)[number];

/** Which database a server opens: the one variable that switches between SQLite and Postgres. */
export type DatabaseTarget =
  | { kind: 'sqlite'; path: string; synchronous: Synchronous }
  | { kind: 'pglite'; dataDir: string }
  | { kind: 'postgres'; url: string; poolMax: number };

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

/** What the HTTP app needs, on every runtime. */
export interface AppConfig {
  bodyLimitBytes: number;
  /** Unset: admin routes answer 503, never open access. */
  adminToken: string | undefined;
  /** Unset: no CORS headers at all. */
  cors: { origins: string[]; credentials: boolean } | undefined;
  logLevel: LogLevel;
  /** Per client address and per API token; undefined is off. */
  rateLimits: { address: Rule | undefined; token: Rule | undefined };
  /** The client address is the last X-Forwarded-For hop: only behind a proxy that writes it. */
  trustProxy: boolean;
  /** How long reading a request body may take (408 after); unset on Workers, where the platform bounds it. */
  requestTimeoutMs?: number | undefined;
}

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

export function loadAppConfig(env: EnvSource): AppConfig {
  const parsed = parse(appSchema, env);
  return {
    bodyLimitBytes: parsed.BODY_LIMIT_KB * 1024,
    adminToken: parsed.ADMIN_TOKEN,
    cors: parsed.CORS_ORIGINS && { origins: parsed.CORS_ORIGINS, credentials: parsed.CORS_CREDENTIALS },
    logLevel: parsed.LOG_LEVEL,
    rateLimits: { address: parsed.RATE_LIMIT, token: parsed.RATE_LIMIT_TOKEN },
    trustProxy: parsed.TRUST_PROXY,
  };
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

/** Fails at start with every bad variable named (never its value), not later with a half-read config. */
function parse<S extends z.ZodType>(schema: S, env: EnvSource): z.output<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  throw new Error(`Invalid configuration:\n  ${problems.join('\n  ')}`);
}
