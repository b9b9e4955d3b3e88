import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import * as z from 'zod';
import type { AppEnv } from '../app-env.ts';
import { json, problems } from '../http/openapi.ts';
import { limitParam } from '../http/params.ts';
import { onInvalid } from '../http/validate.ts';
import { listTags } from '../posts/data.ts';

const tagListSchema = z
  .object({
    items: z.array(
      z.object({
        name: z.string(),
        posts: z.int().nonnegative().meta({ description: 'Published posts with this tag.' }),
      }),
    ),
  })
  .meta({ id: 'TagList' });

const list = createRoute({
  method: 'get',
  path: '/',
  tags: ['Tags'],
  summary: 'List tags with their post counts',
  description: 'Tags of published posts, most used first (then by name).',
  request: {
    query: z.strictObject({
      limit: limitParam(500, 100),
    }),
  },
  responses: { 200: json(tagListSchema, 'The tags.'), ...problems(400, 401) },
});

export const tagsRoutes = new OpenAPIHono<AppEnv>({ defaultHook: onInvalid }).openapi(list, async (c) => {
  const { limit } = c.req.valid('query');
  return c.json({ items: await listTags(c.var.database, limit) }, 200);
});
