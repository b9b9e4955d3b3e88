import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env.ts';
import type { Logger } from '../log.ts';

/** One log line per request, written once the response is known. */
export const requestLog = (logger: Logger) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const started = performance.now();
    await next();
    logger.info('request', {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      durationMs: Math.round((performance.now() - started) * 100) / 100,
      requestId: c.var.requestId,
    });
  });
