import * as z from 'zod';
import { parseRule, type Rule } from './rate-limit/limiter.ts';

/** Whatever the runtime offers: process.env, Bun.env or a Worker's bindings. */
export type EnvSource = object;

export const logLevels = ['info', 'error', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

export const unset = (value: unknown) => (value === '' ? undefined : value);
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
 * The variables `loadAppConfig` reads, as a platform hands them over: text,
 * each optional. A Worker's `Env` extends it (ADMIN_TOKEN as a secret).
 */
export type AppVariables = { [Name in keyof z.input<typeof appSchema>]?: string };

/**
 * When an SQLite commit reaches the disk (SQLITE_SYNCHRONOUS, docs/configuration.md):
 * `normal` survives a crashed process but may lose the last commits to a power
 * cut, `full` fsyncs every commit.
 */
export const synchronousLevels = ['normal', 'full'] as const;
export type Synchronous = (typeof synchronousLevels)[number];

/**
 * Which database a server opens: the one variable that switches between SQLite and Postgres.
 * @anywhere/server reads it from DATABASE_URL; it is here because the adapters (packages/postgres) take one.
 */
export type DatabaseTarget =
  | { kind: 'sqlite'; path: string; synchronous: Synchronous }
  | { kind: 'pglite'; dataDir: string }
  | { kind: 'postgres'; url: string; poolMax: number };

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

/** Fails at start with every bad variable named (never its value), not later with a half-read config. */
export function parse<S extends z.ZodType>(schema: S, env: EnvSource): z.output<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  throw new Error(`Invalid configuration:\n  ${problems.join('\n  ')}`);
}
