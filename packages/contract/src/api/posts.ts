import { describe, expect } from 'vitest';
import { withoutEtag, type PostBody } from '../fixtures.ts';
import { expectProblem, isoTimestamp, sleep } from '../http.ts';
import type { SuiteContext } from './context.ts';

const largestSafeId = Number.MAX_SAFE_INTEGER;

export function describePosts({ api, make, test }: SuiteContext) {
  const read = async (id: number, token?: string) => {
    const response = await api.get(`/posts/${id}`, { token });
    expect(response.status).toBe(200);
    return (await response.json()) as PostBody;
  };

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
