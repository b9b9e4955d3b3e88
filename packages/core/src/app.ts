import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { methodNotAllowed } from 'hono/method-not-allowed';
import type { AppEnv } from './app-env.ts';
import type { AppConfig } from './config.ts';
import type { DatabaseAdapter } from './database.ts';
import { handleError, methodNotAllowed as refuseMethod, notFound } from './http/errors.ts';
import { ApiError } from './http/problem.ts';
import { postsRoutes } from './posts/routes.ts';

export interface AppOptions<Env> {
  database: DatabaseAdapter<Env>;
  config: AppConfig;
}

/** The whole API, on whichever database the runtime injects. */
export function createApp<Env extends object = object>({ database, config }: AppOptions<Env>) {
  const app = new Hono<AppEnv & { Bindings: Env }>();
  app.use(methodNotAllowed({ app, onMethodNotAllowed: refuseMethod }));
  app.use(
    bodyLimit({
      maxSize: config.bodyLimitBytes,
      onError: () => {
        throw new ApiError(413, `The body is larger than ${config.bodyLimitBytes} bytes.`);
      },
    }),
  );
  app.use(async (c, next) => {
    c.set('database', database.connect(c.env));
    await next();
  });

  const routes = app.get('/health', (c) => c.json({ status: 'ok' })).route('/posts', postsRoutes);
  app.onError(handleError);
  app.notFound(notFound);
  return routes;
}

export type App = ReturnType<typeof createApp>;
