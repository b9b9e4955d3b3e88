import * as z from 'zod';
import { operation, problems } from '../http/openapi.ts';
import { limitParam } from '../http/params.ts';
import { reply, route } from '../http/route.ts';
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

const list = operation({
  method: 'get',
  path: '/tags',
  operationId: 'listTags',
  tag: 'Tags',
  summary: 'List tags with their post counts',
  description: 'Tags of published posts, most used first (then by name).',
  query: z.strictObject({ limit: limitParam(500, 100) }),
  responses: { 200: { description: 'The tags.', schema: tagListSchema }, ...problems(400) },
});

export const tagRoutes = [route(list, async ({ database, query: { limit } }) => reply(200, { items: await listTags(database, limit) }))] as const;
