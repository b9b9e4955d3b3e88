import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import * as z from 'zod';
import type { AppEnv } from '../app-env.ts';
import { json, problems } from '../http/openapi.ts';
import { ApiError } from '../http/problem.ts';
import type { Logger } from '../log.ts';

const live = createRoute({
  method: 'get',
  path: '/health',
  tags: ['Operations'],
  summary: 'Liveness: the process answers',
  responses: { 200: json(z.object({ status: z.literal('ok') }), 'Alive.') },
});

const ready = createRoute({
  method: 'get',
  path: '/ready',
  tags: ['Operations'],
  summary: 'Readiness: the database answers a query',
  responses: {
    200: json(z.object({ status: z.literal('ready') }), 'The database answered.'),
    ...problems(503),
  },
});

export const healthRoutes = (logger: Logger) =>
  new OpenAPIHono<AppEnv>()
    .openapi(live, (c) => c.json({ status: 'ok' as const }, 200))
    .openapi(ready, async (c) => {
      try {
        // A query every dialect runs, on a real table: an unmigrated database is not ready either.
        const { db, schema } = c.var.database;
        await db.select({ id: schema.authors.id }).from(schema.authors).limit(1);
      } catch (error) {
        logger.error('database not ready', { requestId: c.var.requestId, error: String(error) });
        throw new ApiError(503, 'The database is not answering.');
      }
      return c.json({ status: 'ready' as const }, 200);
    });
