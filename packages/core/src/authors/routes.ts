import { issueToken } from '../auth/tokens.ts';
import { isUniqueViolation } from '../database-errors.ts';
import { contentTag } from '../http/etag.ts';
import { operation, problems } from '../http/openapi.ts';
import { idParam, iso } from '../http/params.ts';
import { ApiError } from '../http/problem.ts';
import { reply, route } from '../http/route.ts';
import { createAuthor, findAuthor, type AuthorRow } from './data.ts';
import { authorSchema, createdAuthorSchema, newAuthorSchema } from './schema.ts';

const toJson = ({ id, name, createdAt }: AuthorRow) => ({ id, name, createdAt: iso(createdAt) });

const create = operation({
  method: 'post',
  path: '/authors',
  operationId: 'createAuthor',
  tag: 'Authors',
  summary: 'Create an author and their first token',
  description: "Admin only. The response carries the author's first API token, shown this once.",
  auth: 'admin',
  body: { schema: newAuthorSchema, description: 'The new author.' },
  responses: {
    201: { description: 'Created; `Location` names the author.', schema: createdAuthorSchema, headers: ['Location'] },
    ...problems(400, 401, 403, 409, 413, 415, 422, 503),
  },
});

const read = operation({
  method: 'get',
  path: '/authors/{id}',
  operationId: 'getAuthor',
  tag: 'Authors',
  summary: 'Read an author',
  description: 'Public. Never includes the email.',
  params: idParam,
  responses: { 200: { description: 'The author; `ETag` for conditional requests.', schema: authorSchema, headers: ['ETag'] }, ...problems(304, 400, 404) },
});

export const authorRoutes = [
  route(create, async ({ database, body }) => {
    const token = issueToken();
    try {
      const author = await createAuthor(database, body, token);
      return reply(201, { ...toJson(author), token: token.token }, { headers: { Location: `/authors/${author.id}` } });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ApiError(409, 'An author with this email already exists.');
      throw error;
    }
  }),
  route(read, async ({ database, params: { id } }) => {
    const author = await findAuthor(database, id);
    if (!author) throw new ApiError(404, `Author ${id} does not exist.`);
    const json = toJson(author);
    // An author row keeps no version of its own: the ETag is its content's.
    return reply(200, json, { etag: contentTag(JSON.stringify(json)) });
  }),
] as const;
