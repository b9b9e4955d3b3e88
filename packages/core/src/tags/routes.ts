import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import * as z from 'zod';
import type { AppEnv } from '../app-env.ts';
import { json, problems } from '../http/openapi.ts';
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
      limit: z
        .string()
        .regex(/^[0-9]+$/, 'Must be a whole number.')
        .transform(Number)
        .pipe(z.int().min(1, 'Must be at least 1.').max(500, 'Must be at most 500.'))
        .optional()
        .meta({ description: '1 to 500; 100 when absent.' }),
    }),
  },
  responses: { 200: json(tagListSchema, 'The tags.'), ...problems(400, 401) },
});

export const tagsRoutes = new OpenAPIHono<AppEnv>({ defaultHook: onInvalid }).openapi(list, async (c) => {
  const { limit = 100 } = c.req.valid('query');
  return c.json({ items: await listTags(c.var.database.db, limit) }, 200);
});
