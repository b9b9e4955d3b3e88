import { describe, expect } from 'vitest';
import { newPost, withoutEtag, type PostBody } from '../fixtures.ts';
import { expectProblem, isoTimestamp, sleep } from '../http.ts';
import type { SuiteContext } from './context.ts';

const largestSafeId = Number.MAX_SAFE_INTEGER;

export function describePosts({ api, make, test }: SuiteContext) {
  const read = async (id: number, token?: string) => {
    const response = await api.get(`/posts/${id}`, { token });
    expect(response.status).toBe(200);
    return (await response.json()) as PostBody;
  };

  describe('POST /posts', () => {
    test('POST /posts creates a draft by default, by the token\'s author, with Location and ETag', async () => {
      const author = await make.author();
      const response = await api.post('/posts', { title: 'First', body: 'Words.' }, { token: author.token });
      expect(response.status).toBe(201);
      const post = (await response.json()) as PostBody;
      expect(post).toEqual({
        id: expect.any(Number),
        title: 'First',
        body: 'Words.',
        status: 'draft',
        tags: [],
        authorId: author.id,
        createdAt: isoTimestamp,
        updatedAt: isoTimestamp,
      });
      expect(post.updatedAt).toBe(post.createdAt);
      expect(response.headers.get('Location')).toBe(`/posts/${post.id}`);
      expect(response.headers.get('ETag')).toMatch(/^"[\w-]+"$/);
      expect(await read(post.id, author.token)).toEqual(post);
    });

    test('POST /posts normalises tags: trimmed, lowercased, without duplicates, sorted', async () => {
      const author = await make.author();
      const post = await make.post(author, { tags: [' SQLite', 'hono', 'Hono ', 'bun'] });
      expect(post.tags).toEqual(['bun', 'hono', 'sqlite']);
      expect((await read(post.id)).tags).toEqual(['bun', 'hono', 'sqlite']);
    });

    test('POST /posts trims the title and keeps the body exactly as sent', async () => {
      const author = await make.author();
      const body = '  Indented\n\nand multi-line.  ';
      const post = await make.post(author, { title: '  Spaced out  ', body });
      expect(post.title).toBe('Spaced out');
      expect(post.body).toBe(body);
    });

    test('POST /posts accepts a title of exactly 200 characters and 10 tags', async () => {
      const author = await make.author();
      const tags = Array.from({ length: 10 }, (_, i) => `t${i}`);
      const post = await make.post(author, { title: 'x'.repeat(200), tags });
      expect(post.title).toHaveLength(200);
      expect(post.tags).toEqual(tags.toSorted());
    });

    test('POST /posts never takes id, authorId or timestamps from the body', async () => {
      const [author, other] = [await make.author(), await make.author()];
      const forged = newPost({ id: 1, authorId: other.id, createdAt: '2000-01-01T00:00:00.000Z', updatedAt: '2000-01-01T00:00:00.000Z' });
      await expectProblem(await api.post('/posts', forged, { token: author.token }), 422, ['/id', '/authorId', '/createdAt', '/updatedAt']);
    });

    test('POST /posts rejects an empty, blank or over-long title', async () => {
      const { token } = await make.author();
      for (const title of ['', '   ', 'x'.repeat(201)]) {
        await expectProblem(await api.post('/posts', newPost({ title }), { token }), 422, ['/title']);
      }
    });

    test('POST /posts rejects an empty or blank body', async () => {
      const { token } = await make.author();
      for (const body of ['', ' \n\t ']) {
        await expectProblem(await api.post('/posts', newPost({ body }), { token }), 422, ['/body']);
      }
    });

    test('POST /posts rejects an unknown status', async () => {
      const { token } = await make.author();
      for (const status of ['archived', 'PUBLISHED', 1]) {
        await expectProblem(await api.post('/posts', newPost({ status }), { token }), 422, ['/status']);
      }
    });

    test('POST /posts rejects tags that are malformed, too long or too many', async () => {
      const { token } = await make.author();
      await expectProblem(await api.post('/posts', newPost({ tags: ['has space'] }), { token }), 422, ['/tags/0']);
      await expectProblem(await api.post('/posts', newPost({ tags: ['ok', '-dash'] }), { token }), 422, ['/tags/1']);
      await expectProblem(await api.post('/posts', newPost({ tags: ['x'.repeat(33)] }), { token }), 422, ['/tags/0']);
      await expectProblem(await api.post('/posts', newPost({ tags: ['é'] }), { token }), 422, ['/tags/0']);
      const eleven = Array.from({ length: 11 }, (_, i) => `t${i}`);
      await expectProblem(await api.post('/posts', newPost({ tags: eleven }), { token }), 422, ['/tags']);
      await expectProblem(await api.post('/posts', newPost({ tags: 'hono' }), { token }), 422, ['/tags']);
    });

    test('POST /posts names every missing field and refuses unknown ones', async () => {
      const { token } = await make.author();
      await expectProblem(await api.post('/posts', {}, { token }), 422, ['/title', '/body']);
      await expectProblem(await api.post('/posts', newPost({ summary: 'x' }), { token }), 422, ['/summary']);
    });

    test('POST /posts rejects JSON that is not an object', async () => {
      const { token } = await make.author();
      for (const body of ['[]', '"a post"', 'null', '42']) {
        await expectProblem(await api.post('/posts', body, { token }), 422, ['']);
      }
    });

    test('POST /posts rejects malformed JSON with 400 and a non-JSON body with 415', async () => {
      const { token } = await make.author();
      await expectProblem(await api.post('/posts', '{"title": "unterminated', { token }), 400);
      for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
        await expectProblem(await api.send('POST', '/posts', { body: 'title=x', token, headers: { 'Content-Type': type } }), 415);
      }
      const charset = await api.send('POST', '/posts', { body: newPost(), token, headers: { 'Content-Type': 'application/json; charset=utf-8' } });
      expect(charset.status).toBe(201);
    });
  });

  describe('GET /posts/:id', () => {
    test('GET /posts/:id shows a published post to anyone', async () => {
      const author = await make.author();
      const post = await make.post(author);
      expect(await read(post.id)).toEqual(withoutEtag(post));
      expect(post.etag).toMatch(/^"[\w-]+"$/);
    });

    test('a draft is its author\'s alone: 404 to anyone else', async () => {
      const [author, other] = [await make.author(), await make.author()];
      const draft = await make.post(author, { status: 'draft' });
      expect((await read(draft.id, author.token)).status).toBe('draft');
      await expectProblem(await api.get(`/posts/${draft.id}`), 404);
      await expectProblem(await api.get(`/posts/${draft.id}`, { token: other.token }), 404);
      await expectProblem(await api.patch(`/posts/${draft.id}`, { title: 'Mine now' }, { token: other.token }), 404);
      await expectProblem(await api.delete(`/posts/${draft.id}`, { token: other.token }), 404);
    });

    test('GET /posts/:id answers 404 for a post that does not exist', async () => {
      await expectProblem(await api.get(`/posts/${largestSafeId}`), 404);
    });

    test('GET /posts/:id rejects an id that is not a positive safe integer', async () => {
      for (const id of ['abc', '0', '-1', '1.5', '1e3', '0x10', '01', '%201', '1%20', '9007199254740993', '9'.repeat(40)]) {
        await expectProblem(await api.get(`/posts/${id}`), 400, ['/id']);
      }
    });
  });

  describe('PATCH, PUT and DELETE /posts/:id', () => {
    test('PATCH /posts/:id changes only what it is sent, moves updatedAt and the ETag', async () => {
      const author = await make.author();
      const original = await make.post(author, { tags: ['one', 'two'] });
      await sleep(5);
      const response = await api.patch(`/posts/${original.id}`, { title: 'Retitled' }, { token: author.token });
      expect(response.status).toBe(200);
      const patched = (await response.json()) as PostBody;
      expect(patched).toEqual({ ...withoutEtag(original), title: 'Retitled', updatedAt: isoTimestamp });
      expect(Date.parse(patched.updatedAt)).toBeGreaterThan(Date.parse(original.updatedAt));
      expect(response.headers.get('ETag')).not.toBe(original.etag);
      expect(await read(original.id)).toEqual(patched);
    });

    test('PATCH /posts/:id replaces the tag set when tags are sent', async () => {
      const author = await make.author();
      const post = await make.post(author, { tags: ['old', 'kept'] });
      const response = await api.patch(`/posts/${post.id}`, { tags: ['kept', 'New'] }, { token: author.token });
      expect(((await response.json()) as PostBody).tags).toEqual(['kept', 'new']);
      expect((await read(post.id)).tags).toEqual(['kept', 'new']);
    });

    test('PATCH /posts/:id publishes a draft', async () => {
      const author = await make.author();
      const draft = await make.post(author, { status: 'draft' });
      await expectProblem(await api.get(`/posts/${draft.id}`), 404);
      expect((await api.patch(`/posts/${draft.id}`, { status: 'published' }, { token: author.token })).status).toBe(200);
      expect((await read(draft.id)).status).toBe('published');
    });

    test('PATCH /posts/:id needs at least one valid field and changes nothing otherwise', async () => {
      const author = await make.author();
      const post = await make.post(author);
      await expectProblem(await api.patch(`/posts/${post.id}`, {}, { token: author.token }), 422, ['']);
      await expectProblem(await api.patch(`/posts/${post.id}`, { title: '' }, { token: author.token }), 422, ['/title']);
      // An unknown field, and so nothing to change.
      await expectProblem(await api.patch(`/posts/${post.id}`, { authorId: 1 }, { token: author.token }), 422, ['', '/authorId']);
      expect(await read(post.id)).toEqual(withoutEtag(post));
    });

    test('PUT /posts/:id replaces every field and keeps createdAt', async () => {
      const author = await make.author();
      const original = await make.post(author, { tags: ['before'] });
      const replacement = { title: 'Whole new', body: 'Every field.', status: 'draft', tags: ['after'] };
      const response = await api.put(`/posts/${original.id}`, replacement, { token: author.token });
      expect(response.status).toBe(200);
      const replaced = (await response.json()) as PostBody;
      expect(replaced).toEqual({ ...replacement, id: original.id, authorId: author.id, createdAt: original.createdAt, updatedAt: isoTimestamp });
    });

    test('PUT /posts/:id requires every field and leaves the post unchanged', async () => {
      const author = await make.author();
      const post = await make.post(author);
      await expectProblem(await api.put(`/posts/${post.id}`, { title: 'Only a title' }, { token: author.token }), 422, ['/body', '/status', '/tags']);
      expect(await read(post.id)).toEqual(withoutEtag(post));
    });

    test('DELETE /posts/:id deletes the post and its tags; the id is never reused', async () => {
      const author = await make.author();
      const post = await make.post(author, { tags: ['gone'] });
      const response = await api.delete(`/posts/${post.id}`, { token: author.token });
      expect(response.status).toBe(204);
      expect(await response.text()).toBe('');
      await expectProblem(await api.get(`/posts/${post.id}`, { token: author.token }), 404);
      await expectProblem(await api.delete(`/posts/${post.id}`, { token: author.token }), 404);
      expect((await make.post(author)).id).toBeGreaterThan(post.id);
    });

    test('writes answer 404 for an unknown post and 400 for a bad id', async () => {
      const { token } = await make.author();
      const whole = { title: 'T', body: 'B', status: 'published', tags: [] };
      await expectProblem(await api.patch(`/posts/${largestSafeId}`, { title: 'T' }, { token }), 404);
      await expectProblem(await api.put(`/posts/${largestSafeId}`, whole, { token }), 404);
      await expectProblem(await api.delete(`/posts/${largestSafeId}`, { token }), 404);
      await expectProblem(await api.patch('/posts/abc', { title: 'T' }, { token }), 400, ['/id']);
      await expectProblem(await api.put('/posts/0', whole, { token }), 400, ['/id']);
      await expectProblem(await api.delete('/posts/-1', { token }), 400, ['/id']);
    });
  });
}
