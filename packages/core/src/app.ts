import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { methodNotAllowed } from 'hono/method-not-allowed';
import { requestId } from 'hono/request-id';
import type { AppEnv } from './app-env.ts';
import { authorsRoutes } from './authors/routes.ts';
import type { AppConfig } from './config.ts';
import type { DatabaseAdapter } from './database.ts';
import { mountDocs } from './docs/routes.ts';
import { healthRoutes } from './health/routes.ts';
import { errorHandler, methodNotAllowed as refuseMethod, notFound } from './http/errors.ts';
import { limitBody } from './http/body-limit.ts';
import { honoPath, type Operation } from './http/openapi.ts';
import { rateLimit, type PeerAddress } from './http/rate-limit.ts';
import { requestLog } from './http/request-log.ts';
import { securityHeaders } from './http/security-headers.ts';
import { createLogger, type Logger } from './log.ts';
import { operations } from './operations.ts';
import { postsRoutes } from './posts/routes.ts';
import type { Limiter } from './rate-limit/limiter.ts';
import { createMemoryLimiter } from './rate-limit/memory.ts';
import { tagsRoutes } from './tags/routes.ts';
import { tokensRoutes } from './tokens/routes.ts';

const unlimitedPaths = new Set((operations as readonly Operation[]).filter((spec) => spec.unlimited).map((spec) => honoPath(spec.path)));

export interface AppOptions<Env> {
  database: DatabaseAdapter<Env>;
  config: AppConfig;
  /** JSON lines to the console at `config.logLevel` unless given. */
  logger?: Logger;
  /** Where rate limit buckets live: this process's memory unless given (Redis, a Workers binding). */
  limiter?: Limiter;
  /** The client's address as the runtime sees the connection; without it, requests are limited by token only. */
  peerAddress?: PeerAddress;
}

/** The whole API, on whichever database the runtime injects. */
export function createApp<Env extends object = object>({
  database,
  config,
  logger = createLogger(config.logLevel),
  limiter = createMemoryLimiter(),
  peerAddress,
}: AppOptions<Env>) {
  const app = new Hono<AppEnv & { Bindings: Env }>();

  app.use(requestId({ headerName: 'X-Request-Id' }));
  app.use(requestLog(logger));
  app.use(securityHeaders);
  if (config.cors) {
    const { origins, credentials } = config.cors;
    app.use(
      cors({
        origin: origins.includes('*') ? '*' : origins,
        credentials,
        allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
        allowHeaders: ['Authorization', 'Content-Type', 'If-Match', 'If-None-Match', 'X-Request-Id', 'X-D1-Bookmark'],
        exposeHeaders: ['ETag', 'Location', 'Retry-After', 'X-Request-Id', 'WWW-Authenticate', 'X-D1-Bookmark'],
        maxAge: 600,
      }),
    );
  }
  // Before anything reads a body or the database: a refused request costs next to nothing.
  app.use(rateLimit({ limiter, rules: config.rateLimits, trustProxy: config.trustProxy, peerAddress, unlimitedPaths, logger }));
  app.use(methodNotAllowed({ app, onMethodNotAllowed: refuseMethod }));
  app.use(limitBody(config.bodyLimitBytes));
  app.use(async (c, next) => {
    c.set('config', config);
    const connected = database.connect(c.env, c.req);
    c.set('database', connected);
    await next();
    // After the handler, error responses included: Hono has rendered them by now.
    for (const [name, value] of Object.entries(connected.responseHeaders?.() ?? {})) c.header(name, value);
  });

  const routes = app
    .route('/', healthRoutes(logger))
    .route('/', authorsRoutes)
    .route('/', tokensRoutes)
    .route('/', postsRoutes)
    .route('/', tagsRoutes);
  mountDocs(app, operations);
  app.onError(errorHandler(logger));
  app.notFound(notFound);
  return routes;
}

/** The API's type, for the typed client. */
export type App = ReturnType<typeof createApp>;
