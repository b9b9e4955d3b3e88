import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { requireAdmin } from '../auth/middleware.ts';
import { issueToken } from '../auth/tokens.ts';
import { isUniqueViolation } from '../database-errors.ts';
import { conditionalGet } from '../http/etag.ts';
import { honoPath, operation, problems } from '../http/openapi.ts';
import { idParam, iso } from '../http/params.ts';
import { ApiError } from '../http/problem.ts';
import { jsonBody, validate } from '../http/validate.ts';
import { createAuthor, findAuthor, type AuthorRow } from './data.ts';
import { authorSchema, createdAuthorSchema, newAuthorSchema } from './schema.ts';

const toJson = ({ id, name, createdAt }: AuthorRow) => ({ id, name, createdAt: iso(createdAt) });

const create = operation({
  method: 'post',
  path: '/authors',
  tag: 'Authors',
  summary: 'Create an author and their first token',
  description: "Admin only. The response carries the author's first API token, shown this once.",
  bearer: true,
  body: { schema: newAuthorSchema, description: 'The new author.' },
  responses: {
    201: { description: 'Created; `Location` names the author.', schema: createdAuthorSchema },
    ...problems(400, 401, 403, 409, 413, 415, 422, 503),
  },
});

const read = operation({
  method: 'get',
  path: '/authors/{id}',
  tag: 'Authors',
  summary: 'Read an author',
  description: 'Public. Never includes the email.',
  params: idParam,
  responses: { 200: { description: 'The author; `ETag` for conditional requests.', schema: authorSchema }, ...problems(304, 400, 404) },
});

export const authorOperations = [create, read];

export const authorsRoutes = new Hono<AppEnv>()
  .post(honoPath(create.path), requireAdmin, jsonBody(create.body.schema), async (c) => {
    const token = issueToken();
    try {
      const author = await createAuthor(c.var.database, c.req.valid('json'), token);
      return c.json({ ...toJson(author), token: token.token }, 201, { Location: `/authors/${author.id}` });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ApiError(409, 'An author with this email already exists.');
      throw error;
    }
  })
  .get(honoPath(read.path), validate('param', read.params), conditionalGet, async (c) => {
    const { id } = c.req.valid('param');
    const author = await findAuthor(c.var.database, id);
    if (!author) throw new ApiError(404, `Author ${id} does not exist.`);
    return c.json(toJson(author), 200);
  });
