import { Hono } from 'hono';
import * as z from 'zod';
import type { AppEnv } from '../app-env.ts';
import { honoPath, operation, problems } from '../http/openapi.ts';
import { ApiError } from '../http/problem.ts';
import type { Logger } from '../log.ts';

const live = operation({
  method: 'get',
  path: '/health',
  tag: 'Operations',
  summary: 'Liveness: the process answers',
  unlimited: true,
  responses: { 200: { description: 'Alive.', schema: z.object({ status: z.literal('ok') }) } },
});

const ready = operation({
  method: 'get',
  path: '/ready',
  tag: 'Operations',
  summary: 'Readiness: the database answers a query',
  unlimited: true,
  responses: { 200: { description: 'The database answered.', schema: z.object({ status: z.literal('ready') }) }, ...problems(503) },
});

export const healthOperations = [live, ready];

export const healthRoutes = (logger: Logger) =>
  new Hono<AppEnv>()
    .get(honoPath(live.path), (c) => c.json({ status: 'ok' as const }, 200))
    .get(honoPath(ready.path), async (c) => {
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
