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
import { requestLog } from './http/request-log.ts';
import { securityHeaders } from './http/security-headers.ts';
import { createLogger, type Logger } from './log.ts';
import { operations } from './operations.ts';
import { postsRoutes } from './posts/routes.ts';
import { tagsRoutes } from './tags/routes.ts';
import { tokensRoutes } from './tokens/routes.ts';

export interface AppOptions<Env> {
  database: DatabaseAdapter<Env>;
  config: AppConfig;
  /** JSON lines to the console at `config.logLevel` unless given. */
  logger?: Logger;
}

/** The whole API, on whichever database the runtime injects. */
export function createApp<Env extends object = object>({
  database,
  config,
  logger = createLogger(config.logLevel),
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
        allowHeaders: ['Authorization', 'Content-Type', 'If-Match', 'If-None-Match', 'X-Request-Id'],
        exposeHeaders: ['ETag', 'Location', 'X-Request-Id', 'WWW-Authenticate'],
        maxAge: 600,
      }),
    );
  }
  app.use(methodNotAllowed({ app, onMethodNotAllowed: refuseMethod }));
  app.use(limitBody(config.bodyLimitBytes));
  app.use(async (c, next) => {
    c.set('config', config);
    c.set('database', database.connect(c.env));
    await next();
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
