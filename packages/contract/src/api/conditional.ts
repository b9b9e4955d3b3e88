import { describe, expect } from 'vitest';
import type { PostBody } from '../fixtures.ts';
import { expectProblem } from '../http.ts';
import type { SuiteContext } from './context.ts';

export function describeConditionalRequests({ api, make, test }: SuiteContext) {
  describe('conditional requests', () => {
    test('GET /posts/:id answers 304 to its current ETag, 200 to an old one', async () => {
      const author = await make.author();
      const post = await make.post(author);
      const current = await api.get(`/posts/${post.id}`, { headers: { 'If-None-Match': post.etag } });
      expect(current.status).toBe(304);
      expect(current.headers.get('ETag')).toBe(post.etag);
      expect(current.headers.get('X-Request-Id')).toBeTruthy();
      expect(await current.text()).toBe('');
      await api.patch(`/posts/${post.id}`, { title: 'Changed' }, { token: author.token });
      const stale = await api.get(`/posts/${post.id}`, { headers: { 'If-None-Match': post.etag } });
      expect(stale.status).toBe(200);
      expect(((await stale.json()) as PostBody).title).toBe('Changed');
    });

    test('PATCH, PUT and DELETE with the current ETag in If-Match succeed', async () => {
      const author = await make.author();
      const post = await make.post(author);
      const patched = await api.patch(`/posts/${post.id}`, { title: 'v2' }, { token: author.token, headers: { 'If-Match': post.etag } });
      expect(patched.status).toBe(200);
      const etag = patched.headers.get('ETag')!;
      const whole = { title: 'v3', body: 'Body.', status: 'published', tags: [] };
      const replaced = await api.put(`/posts/${post.id}`, whole, { token: author.token, headers: { 'If-Match': etag } });
      expect(replaced.status).toBe(200);
      const deleted = await api.delete(`/posts/${post.id}`, { token: author.token, headers: { 'If-Match': replaced.headers.get('ETag')! } });
      expect(deleted.status).toBe(204);
    });

    test('PATCH, PUT and DELETE with a stale ETag answer 412 and change nothing', async () => {
      const author = await make.author();
      const post = await make.post(author);
      const current = await api.patch(`/posts/${post.id}`, { title: 'Moved on' }, { token: author.token });
      const now = (await current.json()) as PostBody;
      const stale = { token: author.token, headers: { 'If-Match': post.etag } };
      await expectProblem(await api.patch(`/posts/${post.id}`, { title: 'Lost update' }, stale), 412);
      await expectProblem(await api.put(`/posts/${post.id}`, { title: 'Lost', body: 'B', status: 'draft', tags: [] }, stale), 412);
      await expectProblem(await api.delete(`/posts/${post.id}`, stale), 412);
      const after = await api.get(`/posts/${post.id}`);
      expect(await after.json()).toEqual(now);
    });

    test('If-Match: * matches any version; a weak ETag never does', async () => {
      const author = await make.author();
      const post = await make.post(author);
      const any = await api.patch(`/posts/${post.id}`, { title: 'Any' }, { token: author.token, headers: { 'If-Match': '*' } });
      expect(any.status).toBe(200);
      const weak = `W/${any.headers.get('ETag')}`;
      await expectProblem(await api.patch(`/posts/${post.id}`, { title: 'Weak' }, { token: author.token, headers: { 'If-Match': weak } }), 412);
    });

    test('two writers with the same If-Match: exactly one wins, the other gets 412', async () => {
      const author = await make.author();
      const post = await make.post(author);
      const send = (title: string) =>
        api.patch(`/posts/${post.id}`, { title, tags: [title.toLowerCase()] }, { token: author.token, headers: { 'If-Match': post.etag } });
      const responses = await Promise.all([send('Alpha'), send('Beta')]);
      expect(responses.map((response) => response.status).toSorted()).toEqual([200, 412]);
      const winner = (await responses.find((response) => response.status === 200)!.json()) as PostBody;
      const stored = (await (await api.get(`/posts/${post.id}`)).json()) as PostBody;
      expect(stored).toEqual(winner);
      expect(stored.tags).toEqual([stored.title.toLowerCase()]);
    });
  });
}
