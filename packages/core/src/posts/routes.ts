import type { AuthorCaller } from '../auth/caller.ts';
import type { Database } from '../database.ts';
import { operation, problems } from '../http/openapi.ts';
import { idParam, iso } from '../http/params.ts';
import { reply, route, type RouteRequest } from '../http/route.ts';
import { readablePost, writeOwnPost } from './access.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { createPost, listPosts, postDeletion, postUpdate, type PostRecord } from './data.ts';
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

/** A post, with its ETag: the version a later If-Match must name. */
const withVersion = <S extends 200 | 201>(status: S, post: PostRecord, headers?: Record<string, string>) =>
  reply(status, toJson(post), { etag: post.etag, ...(headers && { headers }) });

/** What a write needs to act as the post's author. */
const owner = ({ database, caller, header }: { database: Database; caller: AuthorCaller; header: RouteRequest['header'] }) => ({
  database,
  author: caller,
  ifMatch: header('If-Match'),
});

const tag = 'Posts';
const ifMatchNote = 'Send `If-Match: "<etag>"` to write only if nobody changed the post since you read it (412 otherwise).';
const asItIsNow = { description: 'The post as it is now; `ETag` is its version.', schema: postSchema, headers: ['ETag'] } as const;

const list = operation({
  method: 'get',
  path: '/posts',
  operationId: 'listPosts',
  tag,
  summary: 'List posts, newest first',
  description:
    "Published posts, and the caller's own drafts. Keyset pages: pass `nextCursor` back as `cursor`; posts created meanwhile never shift a page.",
  auth: 'optional',
  query: listQuery,
  responses: { 200: { description: 'One page.', schema: postPageSchema }, ...problems(400, 401) },
});

const create = operation({
  method: 'post',
  path: '/posts',
  operationId: 'createPost',
  tag,
  summary: 'Create a post',
  description: 'The author is whoever the token belongs to. A post and its tags are written together or not at all.',
  auth: 'author',
  body: { schema: newPostSchema, description: 'The new post; `status` defaults to draft.' },
  responses: {
    201: { description: 'Created; `Location` names it and `ETag` is its version.', schema: postSchema, headers: ['ETag', 'Location'] },
    ...problems(400, 401, 403, 413, 415, 422),
  },
});

const read = operation({
  method: 'get',
  path: '/posts/{id}',
  operationId: 'getPost',
  tag,
  summary: 'Read a post',
  description: 'A draft is visible only to its author.',
  auth: 'optional',
  params: idParam,
  responses: { 200: asItIsNow, ...problems(304, 400, 401, 404) },
});

const writeProblems = problems(400, 401, 403, 404, 409, 412, 413, 415, 422);

const patch = operation({
  method: 'patch',
  path: '/posts/{id}',
  operationId: 'updatePost',
  tag,
  summary: 'Change some fields of a post',
  description: `Only its author. ${ifMatchNote}`,
  auth: 'author',
  params: idParam,
  body: { schema: patchSchema, description: 'The fields to change.' },
  responses: { 200: asItIsNow, ...writeProblems },
});

const replace = operation({
  method: 'put',
  path: '/posts/{id}',
  operationId: 'replacePost',
  tag,
  summary: 'Replace a post',
  description: `Only its author; every field is required. ${ifMatchNote}`,
  auth: 'author',
  params: idParam,
  body: { schema: replacementSchema, description: 'The whole post.' },
  responses: { 200: asItIsNow, ...writeProblems },
});

const remove = operation({
  method: 'delete',
  path: '/posts/{id}',
  operationId: 'deletePost',
  tag,
  summary: 'Delete a post',
  description: `Only its author. ${ifMatchNote}`,
  auth: 'author',
  params: idParam,
  responses: { 204: { description: 'Deleted.' }, ...problems(400, 401, 403, 404, 409, 412) },
});

export const postRoutes = [
  route(list, ({ database, caller, query: { limit, cursor, authorId, tag: withTag, status } }) => {
    const page = listPosts(database, {
      viewerId: caller.kind === 'author' ? caller.authorId : undefined,
      authorId,
      tag: withTag,
      status,
      after: cursor === undefined ? undefined : decodeCursor(cursor),
      limit,
    });
    const answer = ({ items, more }: Awaited<typeof page>) => {
      const last = items.at(-1);
      const nextCursor = more && last ? encodeCursor({ createdAt: last.createdAt.getTime(), id: last.id }) : null;
      return reply(200, { items: items.map(toJson), nextCursor });
    };
    return page instanceof Promise ? page.then(answer) : answer(page);
  }),
  route(create, async ({ database, caller, body }) => {
    const post = await createPost(database, caller.authorId, body);
    return withVersion(201, post, { Location: `/posts/${post.id}` });
  }),
  route(read, ({ database, caller, params }) => {
    const post = readablePost(database, caller, params.id);
    return post instanceof Promise ? post.then((found) => withVersion(200, found)) : withVersion(200, post);
  }),
  route(patch, async (request) => {
    const changes = request.body;
    const post = await writeOwnPost(owner(request), request.params.id, (current) =>
      postUpdate(request.database, current, {
        title: changes.title ?? current.title,
        body: changes.body ?? current.body,
        status: changes.status ?? current.status,
        tags: changes.tags ?? current.tags,
      }),
    );
    return withVersion(200, post);
  }),
  route(replace, async (request) => {
    const post = await writeOwnPost(owner(request), request.params.id, (current) => postUpdate(request.database, current, request.body));
    return withVersion(200, post);
  }),
  route(remove, async (request) => {
    await writeOwnPost(owner(request), request.params.id, (current) => postDeletion(request.database, current));
    return reply(204);
  }),
] as const;
