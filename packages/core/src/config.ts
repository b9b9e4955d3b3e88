import * as z from 'zod';

/** Whatever the runtime offers: process.env, Bun.env or a Worker's bindings. */
export type EnvSource = object;

const kibibytes = z.coerce.number().int().positive();

const appSchema = z.object({
  BODY_LIMIT_KB: kibibytes.default(64),
});

const serverSchema = appSchema.extend({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^file:.+/, 'must be a file: URL, e.g. file:./data/anywhere.db')
    .default('file:./data/anywhere.db'),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().nonnegative().default(10_000),
});

/** What the HTTP app needs, on every runtime. */
export interface AppConfig {
  bodyLimitBytes: number;
}

/** What a long-running server process adds (Bun, Node). */
export interface ServerConfig extends AppConfig {
  port: number;
  host: string;
  databasePath: string;
  shutdownTimeoutMs: number;
}

export function loadAppConfig(env: EnvSource): AppConfig {
  const parsed = parse(appSchema, env);
  return { bodyLimitBytes: parsed.BODY_LIMIT_KB * 1024 };
}

export function loadServerConfig(env: EnvSource): ServerConfig {
  const parsed = parse(serverSchema, env);
  return {
    ...loadAppConfig(env),
    port: parsed.PORT,
    host: parsed.HOST,
    databasePath: parsed.DATABASE_URL.slice('file:'.length),
    shutdownTimeoutMs: parsed.SHUTDOWN_TIMEOUT_MS,
  };
}

/** Fails at start with every bad variable named, never later with a half-read config. */
function parse<S extends z.ZodType>(schema: S, env: EnvSource): z.output<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  throw new Error(`Invalid configuration:\n  ${problems.join('\n  ')}`);
}
