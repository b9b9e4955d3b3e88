import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.ts';
import { requireAdmin } from '../auth/middleware.ts';
import { issueToken } from '../auth/tokens.ts';
import { isUniqueViolation } from '../database-errors.ts';
import { conditionalGet } from '../http/etag.ts';
import { bearer, json, problems } from '../http/openapi.ts';
import { idParam, iso } from '../http/params.ts';
import { ApiError } from '../http/problem.ts';
import { onInvalid } from '../http/validate.ts';
import { createAuthor, findAuthor, type AuthorRow } from './data.ts';
import { authorSchema, createdAuthorSchema, newAuthorSchema } from './schema.ts';

const toJson = ({ id, name, createdAt }: AuthorRow) => ({ id, name, createdAt: iso(createdAt) });

const create = createRoute({
  method: 'post',
  path: '/',
  tags: ['Authors'],
  summary: 'Create an author and their first token',
  description: 'Admin only. The response carries the author\'s first API token, shown this once.',
  security: bearer,
  middleware: [requireAdmin] as const,
  request: { body: { ...json(newAuthorSchema, 'The new author.'), required: true } },
  responses: {
    201: json(createdAuthorSchema, 'Created; `Location` names the author.'),
    ...problems(400, 401, 403, 409, 413, 415, 422, 503),
  },
});

const read = createRoute({
  method: 'get',
  path: '/{id}',
  tags: ['Authors'],
  summary: 'Read an author',
  description: 'Public. Never includes the email.',
  middleware: [conditionalGet] as const,
  request: { params: idParam },
  responses: { 200: json(authorSchema, 'The author; `ETag` for conditional requests.'), ...problems(304, 400, 401, 404) },
});

export const authorsRoutes = new OpenAPIHono<AppEnv>({ defaultHook: onInvalid })
  .openapi(create, async (c) => {
    const token = await issueToken();
    try {
      const author = await createAuthor(c.var.database, c.req.valid('json'), token);
      return c.json({ ...toJson(author), token: token.token }, 201, { Location: `/authors/${author.id}` });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ApiError(409, 'An author with this email already exists.');
      throw error;
    }
  })
  .openapi(read, async (c) => {
    const { id } = c.req.valid('param');
    const author = await findAuthor(c.var.database, id);
    if (!author) throw new ApiError(404, `Author ${id} does not exist.`);
    return c.json(toJson(author), 200);
  });
