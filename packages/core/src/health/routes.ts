import * as z from 'zod';
import { operation, problems } from '../http/openapi.ts';
import { ApiError } from '../http/problem.ts';
import { reply, route } from '../http/route.ts';

const live = operation({
  method: 'get',
  path: '/health',
  operationId: 'getHealth',
  tag: 'Operations',
  summary: 'Liveness: the process answers',
  unlimited: true,
  responses: { 200: { description: 'Alive.', schema: z.object({ status: z.literal('ok') }) } },
});

const ready = operation({
  method: 'get',
  path: '/ready',
  operationId: 'getReadiness',
  tag: 'Operations',
  summary: 'Readiness: the database answers a query',
  unlimited: true,
  responses: { 200: { description: 'The database answered.', schema: z.object({ status: z.literal('ready') }) }, ...problems(503) },
});

export const healthRoutes = [
    route(live, () => reply(200, { status: 'ok' as const })),
    route(ready, async ({ database: { db, schema }, requestId, logger }) => {
      try {
        // A query every dialect runs, on a real table: an unmigrated database is not ready either.
        await db.select({ id: schema.authors.id }).from(schema.authors).limit(1);
      } catch (error) {
        logger.error('database not ready', { requestId, error: String(error) });
        throw new ApiError(503, 'The database is not answering.');
      }
      return reply(200, { status: 'ready' as const });
    }),
] as const;
