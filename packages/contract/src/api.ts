import { describe, expect } from 'vitest';
import { client, expectProblem } from './http.ts';
import { matrix } from './matrix.ts';
import type { ApiTarget } from './target.ts';

const isoTimestamp = expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
const largestSafeId = String(Number.MAX_SAFE_INTEGER);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface PostBody {
  id: number;
  title: string;
  body: string;
  authorId: number;
  createdAt: string;
  updatedAt: string;
}

let sequence = 0;
/** A valid post body whose title no other test uses. */
export const newPost = (overrides: Record<string, unknown> = {}) => ({
  title: `Post ${++sequence} ${Math.random().toString(36).slice(2, 8)}`,
  body: 'Hono, Drizzle and SQLite, on every runtime.',
  authorId: 7,
  ...overrides,
});

/** The HTTP contract every adapter must pass, written once. */
export function describeApiContract(target: ApiTarget): void {
  const api = client(target);
  const { test } = matrix(target);

  const create = async (overrides: Record<string, unknown> = {}) => {
    const response = await api.post('/posts', newPost(overrides));
    expect(response.status).toBe(201);
    return (await response.json()) as PostBody;
  };
  const read = async (id: number) => {
    const response = await api.get(`/posts/${id}`);
    expect(response.status).toBe(200);
    return (await response.json()) as PostBody;
  };
  const newestIds = async (limit: number) => {
    const response = await api.get(`/posts?limit=${limit}`);
    expect(response.status).toBe(200);
    return ((await response.json()) as { items: PostBody[] }).items.map((post) => post.id);
  };

  describe('health', () => {
    test('GET /health answers ok', async () => {
      const response = await api.get('/health');
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ok' });
    });
  });

  describe('POST /posts', () => {
    test('POST /posts creates a post and answers 201 with its Location', async () => {
      const sent = newPost();
      const response = await api.post('/posts', sent);
      expect(response.status).toBe(201);
      expect(response.headers.get('Content-Type')).toMatch(/^application\/json/);
      const post = (await response.json()) as PostBody;
      expect(post).toEqual({ id: expect.any(Number), ...sent, createdAt: isoTimestamp, updatedAt: isoTimestamp });
      expect(post.id).toBeGreaterThan(0);
      expect(post.updatedAt).toBe(post.createdAt);
      expect(response.headers.get('Location')).toBe(`/posts/${post.id}`);
      expect(await read(post.id)).toEqual(post);
    });

    test('POST /posts trims the title and keeps the body exactly as sent', async () => {
      const body = '  Indented\n\nand multi-line.  ';
      const post = await create({ title: '  Spaced out  ', body });
      expect(post.title).toBe('Spaced out');
      expect(post.body).toBe(body);
    });

    test('POST /posts accepts a title of exactly 200 characters', async () => {
      const title = 'x'.repeat(200);
      expect((await create({ title })).title).toBe(title);
    });

    test('POST /posts accepts application/json with a charset', async () => {
      const response = await api.send('POST', '/posts', {
        body: newPost(),
        headers: { 'Content-Type': 'application/json; charset=utf-8' },
      });
      expect(response.status).toBe(201);
    });

    test('POST /posts rejects an empty title', async () => {
      await expectProblem(await api.post('/posts', newPost({ title: '' })), 422, ['/title']);
    });

    test('POST /posts rejects a title of only spaces', async () => {
      await expectProblem(await api.post('/posts', newPost({ title: '   ' })), 422, ['/title']);
    });

    test('POST /posts rejects a title over 200 characters', async () => {
      await expectProblem(await api.post('/posts', newPost({ title: 'x'.repeat(201) })), 422, ['/title']);
    });

    test('POST /posts rejects an empty or blank body', async () => {
      for (const body of ['', ' \n\t ']) {
        await expectProblem(await api.post('/posts', newPost({ body })), 422, ['/body']);
      }
    });

    test('POST /posts rejects an authorId that is not a positive integer', async () => {
      for (const authorId of [0, -3, 1.5, '7', null, 2 ** 53]) {
        await expectProblem(await api.post('/posts', newPost({ authorId })), 422, ['/authorId']);
      }
    });

    test('POST /posts names every missing field', async () => {
      await expectProblem(await api.post('/posts', {}), 422, ['/title', '/body', '/authorId']);
    });

    test('POST /posts rejects fields it does not know', async () => {
      await expectProblem(await api.post('/posts', newPost({ tags: ['a'] })), 422, ['/tags']);
    });

    test('POST /posts never lets a client set id, createdAt or updatedAt', async () => {
      const before = await newestIds(1);
      const forged = newPost({ id: 1, createdAt: '2000-01-01T00:00:00.000Z', updatedAt: '2000-01-01T00:00:00.000Z' });
      await expectProblem(await api.post('/posts', forged), 422, ['/id', '/createdAt', '/updatedAt']);
      expect(await newestIds(1)).toEqual(before);
    });

    test('POST /posts rejects JSON that is not an object', async () => {
      for (const body of ['[]', '"a post"', 'null', '42']) {
        await expectProblem(await api.post('/posts', body), 422, ['']);
      }
    });

    test('POST /posts rejects malformed JSON with 400', async () => {
      const problem = await expectProblem(await api.post('/posts', '{"title": "unterminated'), 400);
      expect(problem.errors).toBeUndefined();
    });

    test('POST /posts rejects a body that is not JSON with 415', async () => {
      const asText = await api.send('POST', '/posts', { body: 'title=x', headers: { 'Content-Type': 'text/plain' } });
      await expectProblem(asText, 415);
      const asForm = await api.send('POST', '/posts', {
        body: 'title=x',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      });
      await expectProblem(asForm, 415);
    });

    test('POST /posts rejects a body over the size limit with 413', async () => {
      const before = await newestIds(1);
      const huge = newPost({ body: 'x'.repeat(100 * 1024) });
      await expectProblem(await api.post('/posts', huge), 413);
      expect(await newestIds(1)).toEqual(before);
    });
  });

  describe('GET /posts/:id', () => {
    test('GET /posts/:id answers 404 for a post that does not exist', async () => {
      await expectProblem(await api.get(`/posts/${largestSafeId}`), 404);
    });

    test('GET /posts/:id rejects an id that is not a positive integer', async () => {
      for (const id of ['abc', '0', '-1', '1.5', '1e3', '0x10', '01', '%201', '1%20']) {
        await expectProblem(await api.get(`/posts/${id}`), 400, ['/id']);
      }
    });

    test('GET /posts/:id rejects an id beyond the largest safe integer', async () => {
      await expectProblem(await api.get('/posts/9007199254740993'), 400, ['/id']);
      await expectProblem(await api.get(`/posts/${'9'.repeat(40)}`), 400, ['/id']);
    });
  });

  describe('GET /posts', () => {
    test('GET /posts lists the newest posts first', async () => {
      const first = await create();
      const second = await create();
      const third = await create();
      expect(await newestIds(3)).toEqual([third.id, second.id, first.id]);
    });

    test('GET /posts returns at most 20 posts by default', async () => {
      for (let i = 0; i < 21; i++) await create();
      const response = await api.get('/posts');
      expect(response.status).toBe(200);
      expect(((await response.json()) as { items: unknown[] }).items).toHaveLength(20);
    });

    test('GET /posts honours limit', async () => {
      await create();
      await create();
      expect(await newestIds(2)).toHaveLength(2);
    });

    test('GET /posts rejects a limit that is not between 1 and 100', async () => {
      for (const limit of ['0', '101', 'abc', '1.5', '']) {
        await expectProblem(await api.get(`/posts?limit=${limit}`), 400, ['/limit']);
      }
    });

    test('GET /posts rejects query parameters it does not know', async () => {
      await expectProblem(await api.get('/posts?author=7'), 400, ['/author']);
    });
  });

  describe('PUT /posts/:id', () => {
    test('PUT /posts/:id replaces the post, keeps createdAt and moves updatedAt', async () => {
      const original = await create();
      await sleep(5);
      const replacement = newPost({ authorId: 8, body: 'Rewritten.' });
      const response = await api.put(`/posts/${original.id}`, replacement);
      expect(response.status).toBe(200);
      const updated = (await response.json()) as PostBody;
      expect(updated).toEqual({ ...original, ...replacement, updatedAt: isoTimestamp });
      expect(Date.parse(updated.updatedAt)).toBeGreaterThan(Date.parse(original.updatedAt));
      expect(await read(original.id)).toEqual(updated);
    });

    test('PUT /posts/:id answers 404 for a post that does not exist and creates nothing', async () => {
      const before = await newestIds(1);
      await expectProblem(await api.put(`/posts/${largestSafeId}`, newPost()), 404);
      expect(await newestIds(1)).toEqual(before);
    });

    test('PUT /posts/:id requires every field and leaves the post unchanged', async () => {
      const original = await create();
      await expectProblem(await api.put(`/posts/${original.id}`, { title: 'Only a title' }), 422, ['/body', '/authorId']);
      expect(await read(original.id)).toEqual(original);
    });

    test('PUT /posts/:id rejects id and createdAt in the body and leaves the post unchanged', async () => {
      const original = await create();
      const forged = newPost({ id: original.id + 1000, createdAt: '2000-01-01T00:00:00.000Z' });
      await expectProblem(await api.put(`/posts/${original.id}`, forged), 422, ['/id', '/createdAt']);
      expect(await read(original.id)).toEqual(original);
    });

    test('PUT /posts/:id rejects an invalid id', async () => {
      await expectProblem(await api.put('/posts/abc', newPost()), 400, ['/id']);
    });

    test('PUT /posts/:id rejects malformed JSON and a non-JSON body', async () => {
      const original = await create();
      await expectProblem(await api.put(`/posts/${original.id}`, '{'), 400);
      const asText = await api.send('PUT', `/posts/${original.id}`, {
        body: 'title=x',
        headers: { 'Content-Type': 'text/plain' },
      });
      await expectProblem(asText, 415);
      expect(await read(original.id)).toEqual(original);
    });
  });

  describe('DELETE /posts/:id', () => {
    test('DELETE /posts/:id deletes the post and answers 204 with no body', async () => {
      const post = await create();
      const response = await api.delete(`/posts/${post.id}`);
      expect(response.status).toBe(204);
      expect(await response.text()).toBe('');
      await expectProblem(await api.get(`/posts/${post.id}`), 404);
      expect(await newestIds(100)).not.toContain(post.id);
    });

    test('DELETE /posts/:id answers 404 for a post that does not exist, or no longer does', async () => {
      await expectProblem(await api.delete(`/posts/${largestSafeId}`), 404);
      const post = await create();
      expect((await api.delete(`/posts/${post.id}`)).status).toBe(204);
      await expectProblem(await api.delete(`/posts/${post.id}`), 404);
    });

    test('DELETE /posts/:id rejects an invalid id', async () => {
      await expectProblem(await api.delete('/posts/-1'), 400, ['/id']);
    });

    test('a deleted post id is never handed out again', async () => {
      const post = await create();
      expect((await api.delete(`/posts/${post.id}`)).status).toBe(204);
      expect((await create()).id).toBeGreaterThan(post.id);
    });
  });

  describe('routing', () => {
    test('an unknown route answers 404 problem details', async () => {
      await expectProblem(await api.get('/nope'), 404);
    });

    test('a method a route does not support answers 405 with Allow', async () => {
      const onPost = await api.send('PATCH', '/posts/1', { body: {} });
      await expectProblem(onPost, 405);
      expect(onPost.headers.get('Allow')?.split(', ')).toEqual(expect.arrayContaining(['GET', 'PUT', 'DELETE']));
      const onList = await api.delete('/posts');
      await expectProblem(onList, 405);
      expect(onList.headers.get('Allow')?.split(', ')).toEqual(expect.arrayContaining(['GET', 'POST']));
    });
  });
}
