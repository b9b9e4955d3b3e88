import { Hono, type Context } from 'hono';
import type { AppEnv } from '../app-env.ts';
import type { AuthorCaller } from '../auth/caller.ts';
import { optionalCaller, requireAuthor } from '../auth/middleware.ts';
import { conditionalGet, quoted } from '../http/etag.ts';
import { honoPath, operation, problems } from '../http/openapi.ts';
import { idParam, iso } from '../http/params.ts';
import { jsonBody, validate } from '../http/validate.ts';
import { readablePost, writeOwnPost } from './access.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { createPost, deletePost, listPosts, updatePost, type PostRecord } from './data.ts';
import { listQuery, newPostSchema, patchSchema, postPageSchema, postSchema, replacementSchema } from './schema.ts';

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

const tag = 'Posts';
const ifMatchNote = 'Send `If-Match: "<etag>"` to write only if nobody changed the post since you read it (412 otherwise).';
const asItIsNow = { description: 'The post as it is now; `ETag` is its version.', schema: postSchema };

const list = operation({
  method: 'get',
  path: '/posts',
  tag,
  summary: 'List posts, newest first',
  description:
    "Published posts, and the caller's own drafts. Keyset pages: pass `nextCursor` back as `cursor`; posts created meanwhile never shift a page.",
  query: listQuery,
  responses: { 200: { description: 'One page.', schema: postPageSchema }, ...problems(400, 401) },
});

const create = operation({
  method: 'post',
  path: '/posts',
  tag,
  summary: 'Create a post',
  description: 'The author is whoever the token belongs to. A post and its tags are written together or not at all.',
  bearer: true,
  body: { schema: newPostSchema, description: 'The new post; `status` defaults to draft.' },
  responses: {
    201: { description: 'Created; `Location` names it and `ETag` is its version.', schema: postSchema },
    ...problems(400, 401, 403, 413, 415, 422),
  },
});

const read = operation({
  method: 'get',
  path: '/posts/{id}',
  tag,
  summary: 'Read a post',
  description: 'A draft is visible only to its author.',
  params: idParam,
  responses: { 200: asItIsNow, ...problems(304, 400, 401, 404) },
});

const writeProblems = problems(400, 401, 403, 404, 409, 412, 413, 415, 422);

const patch = operation({
  method: 'patch',
  path: '/posts/{id}',
  tag,
  summary: 'Change some fields of a post',
  description: `Only its author. ${ifMatchNote}`,
  bearer: true,
  params: idParam,
  body: { schema: patchSchema, description: 'The fields to change.' },
  responses: { 200: asItIsNow, ...writeProblems },
});

const replace = operation({
  method: 'put',
  path: '/posts/{id}',
  tag,
  summary: 'Replace a post',
  description: `Only its author; every field is required. ${ifMatchNote}`,
  bearer: true,
  params: idParam,
  body: { schema: replacementSchema, description: 'The whole post.' },
  responses: { 200: asItIsNow, ...writeProblems },
});

const remove = operation({
  method: 'delete',
  path: '/posts/{id}',
  tag,
  summary: 'Delete a post',
  description: `Only its author. ${ifMatchNote}`,
  bearer: true,
  params: idParam,
  responses: { 204: { description: 'Deleted.' }, ...problems(400, 401, 403, 404, 409, 412) },
});

export const postOperations = [list, create, read, patch, replace, remove];

export const postsRoutes = new Hono<AppEnv>()
  .get(honoPath(list.path), validate('query', list.query), optionalCaller, async (c) => {
    const { limit, cursor, authorId, tag: withTag, status } = c.req.valid('query');
    const caller = c.var.caller;
    const { items, more } = await listPosts(c.var.database, {
      viewerId: caller.kind === 'author' ? caller.authorId : undefined,
      authorId,
      tag: withTag,
      status,
      after: cursor === undefined ? undefined : decodeCursor(cursor),
      limit,
    });
    const last = items.at(-1);
    const nextCursor = more && last ? encodeCursor({ createdAt: last.createdAt.getTime(), id: last.id }) : null;
    return c.json({ items: items.map(toJson), nextCursor }, 200);
  })
  .post(honoPath(create.path), requireAuthor, jsonBody(create.body.schema), async (c) => {
    const post = await createPost(c.var.database, c.var.author.authorId, c.req.valid('json'));
    return respond(c, post, 201, { Location: `/posts/${post.id}` });
  })
  .get(honoPath(read.path), validate('param', read.params), optionalCaller, conditionalGet, async (c) =>
    respond(c, await readablePost(c.var.database, c.var.caller, c.req.valid('param').id), 200),
  )
  .patch(honoPath(patch.path), requireAuthor, validate('param', patch.params), jsonBody(patch.body.schema), async (c) => {
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
  .put(honoPath(replace.path), requireAuthor, validate('param', replace.params), jsonBody(replace.body.schema), async (c) => {
    const fields = c.req.valid('json');
    const post = await writeOwnPost(owner(c), c.req.valid('param').id, (current) => updatePost(c.var.database, current, fields));
    return respond(c, post, 200);
  })
  .delete(honoPath(remove.path), requireAuthor, validate('param', remove.params), async (c) => {
    await writeOwnPost(owner(c), c.req.valid('param').id, async (current) =>
      (await deletePost(c.var.database, current)) ? true : undefined,
    );
    return c.body(null, 204);
  });
