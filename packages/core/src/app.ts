import { Hono, type Context } from 'hono';
import type { AppConfig } from './config.ts';
import type { DatabaseAdapter } from './database.ts';
import { docsRoutes } from './docs/routes.ts';
import type { BodyReader } from './http/body-limit.ts';
import { hostless } from './http/host.ts';
import { incomingOf as incomingOfRequest, type Incoming, type PeerAddress } from './http/incoming.ts';
import { honoPath } from './http/openapi.ts';
import { createRequestPass, type CompiledRoute } from './http/pass.ts';
import type { ResponseMaker } from './http/respond.ts';
import type { RoutesSchema } from './http/route.ts';
import { createLogger, type Logger } from './log.ts';
import { operations } from './operations.ts';
import type { Limiter } from './rate-limit/limiter.ts';
import { createMemoryLimiter } from './rate-limit/memory.ts';
import { routes } from './routes.ts';

export interface AppOptions<Env> {
  database: DatabaseAdapter<Env>;
  config: AppConfig;
  /** JSON lines to the console at `config.logLevel` unless given. */
  logger?: Logger;
  /** Where rate limit buckets live: this process's memory unless given (Redis, a Workers binding). */
  limiter?: Limiter;
  /** The client's address as the runtime sees the connection; without it, requests are limited by token only. */
  peerAddress?: PeerAddress;
  /** How the runtime makes responses cheapest (Bun: from a ready Headers object); plain objects unless given. */
  responses?: ResponseMaker;
  /**
   * SHA-256 as hex: the runtime's own, where it has a synchronous one, for the
   * token every authenticated request carries (measured: 1.2 µs on Bun and
   * 2.4 µs on Node natively, against 4 to 5.5 µs in JavaScript).
   */
  sha256Hex?: (text: string) => string;
  /** Reads a request body: the runtime's own where it reads faster than the web stream (Node's IncomingMessage). */
  readBody?: BodyReader;
}

/** The API's type, for the typed client: every route's input and output, from its operation. */
export type App = Hono<object, RoutesSchema<typeof routes>, '/'>;

/** A router's view of the app: each compiled route, and what answers when none matches. */
export interface RouteTable {
  routes: readonly CompiledRoute[];
  fallback(incoming: Incoming): Response | Promise<Response>;
}

const incomingOf = (c: Context, params: boolean): Incoming => ({
  request: c.req.raw,
  method: c.req.method,
  path: c.req.path,
  params: params ? c.req.param() : {},
  env: c.env,
});

/**
 * The whole API, on whichever database the runtime injects: a Hono app whose
 * every route is one handler (no middleware chain, so Hono skips compose and
 * a synchronous answer stays synchronous), and the same routes as a table for
 * runtimes with a router of their own.
 */
export function createApp<Env extends object = object>({
  database,
  config,
  logger = createLogger(config.logLevel),
  limiter = createMemoryLimiter(),
  peerAddress,
  responses,
  sha256Hex,
  readBody,
}: AppOptions<Env>): App & { table: RouteTable } {
  const pass = createRequestPass({ config, logger, limiter, peerAddress, database, responses, sha256Hex, readBody });
  const compiled = [...routes, ...docsRoutes(operations)].map((route) => pass.compile(route));

  const app = new Hono<{ Bindings: Env }>();
  for (const { method, path, serve } of compiled) {
    const params = path.includes(':');
    app.on(method, path, (c) => serve(incomingOf(c, params)));
  }

  // Paths and the methods each has, with HEAD wherever GET is (Hono and Bun serve HEAD from GET).
  const patterns = compiled.map(({ method, path }) => ({ method, pattern: new RegExp(`^${path.replaceAll(/:\w+/g, '[^/]+')}$`) }));
  const unlimited = new Set(operations.filter((spec) => spec.unlimited).map((spec) => honoPath(spec.path)));
  const fallback = pass.fallback((path) => {
    const methods = patterns.filter(({ pattern }) => pattern.test(path)).flatMap(({ method }) => (method === 'GET' ? ['GET', 'HEAD'] : [method]));
    return methods.length ? { methods, unlimited: unlimited.has(path) } : undefined;
  });
  app.notFound((c) => fallback(incomingOf(c, false)));
  // Hono cannot route a bare target (host.ts): the pass refuses it before any router sees it.
  const routed = app.fetch;
  app.fetch = (request, ...rest) => (hostless(request) ? fallback(incomingOfRequest(request, {}, rest[0])) : routed(request, ...rest));

  return Object.assign(app as unknown as App, { table: { routes: compiled, fallback } });
}
