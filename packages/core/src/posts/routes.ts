import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../app-env.ts';
import type { AuthorCaller } from '../auth/caller.ts';
import { optionalCaller, requireAuthor } from '../auth/middleware.ts';
import { conditionalGet, quoted } from '../http/etag.ts';
import { bearer, json, problems } from '../http/openapi.ts';
import { idParam, iso } from '../http/params.ts';
import { onInvalid } from '../http/validate.ts';
import { readablePost, writeOwnPost } from './access.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { createPost, deletePost, listPosts, updatePost, type PostRecord } from './data.ts';
import { listQuery, newPostSchema, patchSchema, postPageSchema, postSchema, replacementSchema } from './schema.ts';

const openapiTags = ['Posts'];

const toJson = ({ id, title, body, status, tags, authorId, createdAt, updatedAt }: PostRecord) => ({
  id,
  title,
  body,
  status,
  tags,
  authorId,
  createdAt: iso(createdAt),
  updatedAt: iso(updatedAt),
});

/** A post and its ETag, the version a later If-Match must name. */
const respond = <S extends 200 | 201>(c: Context, post: PostRecord, status: S, headers: Record<string, string> = {}) =>
  c.json(toJson(post), status, { ...headers, ETag: quoted(post.etag) });

/** What a write needs to act as the post's author. */
const owner = (c: Context<AppEnv & { Variables: { author: AuthorCaller } }>) => ({
  database: c.var.database,
  author: c.var.author,
  ifMatch: c.req.header('If-Match'),
});

const ifMatchNote = 'Send `If-Match: "<etag>"` to write only if nobody changed the post since you read it (412 otherwise).';

const list = createRoute({
  method: 'get',
  path: '/',
  tags: openapiTags,
  summary: 'List posts, newest first',
  description:
    "Published posts, and the caller's own drafts. Keyset pages: pass `nextCursor` back as `cursor`; posts created meanwhile never shift a page.",
  middleware: [optionalCaller] as const,
  request: { query: listQuery },
  responses: { 200: json(postPageSchema, 'One page.'), ...problems(400, 401) },
});

const create = createRoute({
  method: 'post',
  path: '/',
  tags: openapiTags,
  summary: 'Create a post',
  description: 'The author is whoever the token belongs to. A post and its tags are written together or not at all.',
  security: bearer,
  middleware: [requireAuthor] as const,
  request: { body: { ...json(newPostSchema, 'The new post; `status` defaults to draft.'), required: true } },
  responses: {
    201: json(postSchema, 'Created; `Location` names it and `ETag` is its version.'),
    ...problems(400, 401, 403, 413, 415, 422),
  },
});

const read = createRoute({
  method: 'get',
  path: '/{id}',
  tags: openapiTags,
  summary: 'Read a post',
  description: 'A draft is visible only to its author.',
  middleware: [optionalCaller, conditionalGet] as const,
  request: { params: idParam },
  responses: { 200: json(postSchema, 'The post; `ETag` is its version.'), ...problems(304, 400, 401, 404) },
});

const patch = createRoute({
  method: 'patch',
  path: '/{id}',
  tags: openapiTags,
  summary: 'Change some fields of a post',
  description: `Only its author. ${ifMatchNote}`,
  security: bearer,
  middleware: [requireAuthor] as const,
  request: { params: idParam, body: { ...json(patchSchema, 'The fields to change.'), required: true } },
  responses: { 200: json(postSchema, 'The post as it is now.'), ...problems(400, 401, 403, 404, 409, 412, 413, 415, 422) },
});

const replace = createRoute({
  method: 'put',
  path: '/{id}',
  tags: openapiTags,
  summary: 'Replace a post',
  description: `Only its author; every field is required. ${ifMatchNote}`,
  security: bearer,
  middleware: [requireAuthor] as const,
  request: { params: idParam, body: { ...json(replacementSchema, 'The whole post.'), required: true } },
  responses: { 200: json(postSchema, 'The post as it is now.'), ...problems(400, 401, 403, 404, 409, 412, 413, 415, 422) },
});

const remove = createRoute({
  method: 'delete',
  path: '/{id}',
  tags: openapiTags,
  summary: 'Delete a post',
  description: `Only its author. ${ifMatchNote}`,
  security: bearer,
  middleware: [requireAuthor] as const,
  request: { params: idParam },
  responses: { 204: { description: 'Deleted.' }, ...problems(400, 401, 403, 404, 409, 412) },
});

export const postsRoutes = new OpenAPIHono<AppEnv>({ defaultHook: onInvalid })
  .openapi(list, async (c) => {
    const { limit, cursor, authorId, tag, status } = c.req.valid('query');
    const caller = c.var.caller;
    const { items, more } = await listPosts(c.var.database, {
      viewerId: caller.kind === 'author' ? caller.authorId : undefined,
      authorId,
      tag,
      status,
      after: cursor === undefined ? undefined : decodeCursor(cursor),
      limit,
    });
    const last = items.at(-1);
    const nextCursor = more && last ? encodeCursor({ createdAt: last.createdAt.getTime(), id: last.id }) : null;
    return c.json({ items: items.map(toJson), nextCursor }, 200);
  })
  .openapi(create, async (c) => {
    const post = await createPost(c.var.database, c.var.author.authorId, c.req.valid('json'));
    return respond(c, post, 201, { Location: `/posts/${post.id}` });
  })
  .openapi(read, async (c) => respond(c, await readablePost(c.var.database, c.var.caller, c.req.valid('param').id), 200))
  .openapi(patch, async (c) => {
    const changes = c.req.valid('json');
    const post = await writeOwnPost(owner(c), c.req.valid('param').id, (current) =>
      updatePost(c.var.database, current, {
        title: changes.title ?? current.title,
        body: changes.body ?? current.body,
        status: changes.status ?? current.status,
        tags: changes.tags ?? current.tags,
      }),
    );
    return respond(c, post, 200);
  })
  .openapi(replace, async (c) => {
    const fields = c.req.valid('json');
    const post = await writeOwnPost(owner(c), c.req.valid('param').id, (current) =>
      updatePost(c.var.database, current, fields),
    );
    return respond(c, post, 200);
  })
  .openapi(remove, async (c) => {
    await writeOwnPost(owner(c), c.req.valid('param').id, async (current) =>
      (await deletePost(c.var.database, current)) ? true : undefined,
    );
    return c.body(null, 204);
  });
