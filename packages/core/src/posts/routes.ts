import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { ApiError } from '../http/problem.ts';
import { jsonBody, validate } from '../http/validate.ts';
import { createPost, deletePost, findPost, listPosts, replacePost } from './data.ts';
import { listQuery, postIdParam, postInput } from './schema.ts';

const notFound = (id: number) => new ApiError(404, `Post ${id} does not exist.`);

export const postsRoutes = new Hono<AppEnv>()
  .get('/', validate('query', listQuery), async (c) => {
    const { limit } = c.req.valid('query');
    return c.json({ items: await listPosts(c.var.database.db, limit) });
  })
  .post('/', jsonBody(postInput), async (c) => {
    const post = await createPost(c.var.database.db, c.req.valid('json'));
    return c.json(post, 201, { Location: `/posts/${post.id}` });
  })
  .get('/:id', validate('param', postIdParam), async (c) => {
    const { id } = c.req.valid('param');
    const post = await findPost(c.var.database.db, id);
    if (!post) throw notFound(id);
    return c.json(post);
  })
  .put('/:id', validate('param', postIdParam), jsonBody(postInput), async (c) => {
    const { id } = c.req.valid('param');
    const post = await replacePost(c.var.database.db, id, c.req.valid('json'));
    if (!post) throw notFound(id);
    return c.json(post);
  })
  .delete('/:id', validate('param', postIdParam), async (c) => {
    const { id } = c.req.valid('param');
    if (!(await deletePost(c.var.database.db, id))) throw notFound(id);
    return c.body(null, 204);
  });
