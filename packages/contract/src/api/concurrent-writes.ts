import { describe, expect } from 'vitest';
import { newPost, unique, withoutEtag, type PostBody } from '../fixtures.ts';
import { expectProblem } from '../http.ts';
import type { SuiteContext } from './context.ts';

/**
 * Writes sent at once, some of which the database itself refuses: on the
 * SQLite file adapters they share one group commit (core/src/group-commit.ts),
 * elsewhere each is its own transaction. Either way each client gets its own
 * answer and exactly the successful writes remain.
 */
export function describeConcurrentWrites({ api, make, target, test }: SuiteContext) {
  const admin = { token: target.adminToken };

  describe('concurrent writes', () => {
    test('authors created at once, two with the same email: one 409, every other 201, each readable with a working token', async () => {
      const taken = `${unique('same')}@example.com`;
      const emails = [taken, ...Array.from({ length: 6 }, () => `${unique('many')}@example.com`), taken.toUpperCase()];
      const responses = await Promise.all(emails.map((email, i) => api.post('/authors', { name: `Concurrent ${i}`, email }, admin)));
      const statuses = responses.map((response) => response.status);
      expect(statuses.toSorted()).toEqual([...Array.from({ length: 7 }, () => 201), 409]);
      // Either of the two may win; the other is refused alone.
      expect([statuses[0], statuses[7]].toSorted()).toEqual([201, 409]);
      const refused = responses.find((response) => response.status === 409)!;
      expect((await expectProblem(refused, 409)).detail).toMatch(/email/);

      const created = await Promise.all(
        responses.filter((response) => response.status === 201).map(async (response) => (await response.json()) as { id: number; name: string; token: string }),
      );
      for (const author of created) {
        const read = await api.get(`/authors/${author.id}`);
        expect(read.status).toBe(200);
        expect(await read.json()).toMatchObject({ id: author.id, name: author.name });
        // The token was written in the same transaction as its author.
        expect((await api.post('/posts', newPost(), { token: author.token })).status).toBe(201);
      }
    });

    test('two PATCHes of one version sent at once: one 200, one 412, and new posts beside them all land', async () => {
      const author = await make.author();
      const posts = await Promise.all(Array.from({ length: 4 }, () => make.post(author, { tags: ['race'] })));
      const sent = posts.flatMap((post) =>
        ['left', 'right'].map((side) => {
          const title = unique(`${side} `);
          const options = { token: author.token, headers: { 'If-Match': post.etag } };
          return api.patch(`/posts/${post.id}`, { title }, options).then((response) => ({ post, title, response }));
        }),
      );
      const creates = Array.from({ length: 4 }, () => api.post('/posts', newPost({ tags: ['beside'] }), { token: author.token }));
      const [patched, created] = await Promise.all([Promise.all(sent), Promise.all(creates)]);

      for (const post of posts) {
        const both = patched.filter((write) => write.post.id === post.id);
        expect(both.map((write) => write.response.status).toSorted()).toEqual([200, 412]);
        const winner = both.find((write) => write.response.status === 200)!;
        await expectProblem(both.find((write) => write.response.status === 412)!.response, 412);
        const answered = (await winner.response.json()) as PostBody;
        const read = await api.get(`/posts/${post.id}`);
        expect(read.headers.get('ETag')).toBe(winner.response.headers.get('ETag'));
        expect(withoutEtag((await read.json()) as PostBody)).toEqual({ ...withoutEtag(post), title: winner.title, updatedAt: answered.updatedAt });
      }
      for (const response of created) {
        expect(response.status).toBe(201);
        const post = (await response.json()) as PostBody;
        const read = await api.get(`/posts/${post.id}`);
        expect(read.status).toBe(200);
        expect(await read.json()).toEqual(post);
      }
    });
  });
}
