import { describe, expect } from 'vitest';
import { newPost, unique } from '../fixtures.ts';
import { expectProblem, expectUnauthorized, isoTimestamp } from '../http.ts';
import type { SuiteContext } from './context.ts';

export function describeAuthorsAndTokens({ api, make, target, test }: SuiteContext) {
  const admin = { token: target.adminToken };

  describe('authors', () => {
    test('POST /authors creates an author with a first token, shown once', async () => {
      const email = `${unique('grace')}@example.com`;
      const response = await api.post('/authors', { name: '  Grace Hopper ', email }, admin);
      expect(response.status).toBe(201);
      const author = (await response.json()) as Record<string, unknown>;
      expect(author).toEqual({ id: expect.any(Number), name: 'Grace Hopper', createdAt: isoTimestamp, token: expect.stringMatching(/^aw_[\w-]{55}$/) });
      expect(response.headers.get('Location')).toBe(`/authors/${author.id}`);
      const post = await api.post('/posts', newPost(), { token: author.token as string });
      expect(post.status).toBe(201);
      expect(((await post.json()) as { authorId: number }).authorId).toBe(author.id);
    });

    test('GET /authors/:id is public and never shows the email or a token', async () => {
      const author = await make.author('Katherine Johnson');
      const response = await api.get(`/authors/${author.id}`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ id: author.id, name: 'Katherine Johnson', createdAt: isoTimestamp });
    });

    test('GET /authors/:id has an ETag and answers 304 to If-None-Match', async () => {
      const author = await make.author();
      const first = await api.get(`/authors/${author.id}`);
      const etag = first.headers.get('ETag')!;
      expect(etag).toMatch(/^"[^"]+"$/);
      const again = await api.get(`/authors/${author.id}`, { headers: { 'If-None-Match': etag } });
      expect(again.status).toBe(304);
      expect(again.headers.get('ETag')).toBe(etag);
      expect(await again.text()).toBe('');
    });

    test('GET /authors/:id answers 404 for an unknown author and 400 for a bad id', async () => {
      await expectProblem(await api.get(`/authors/${Number.MAX_SAFE_INTEGER}`), 404);
      await expectProblem(await api.get('/authors/zero'), 400, ['/id']);
    });

    test('POST /authors keeps emails unique, ignoring case, with 409', async () => {
      const email = `${unique('ada')}@example.com`;
      expect((await api.post('/authors', { name: 'Ada', email }, admin)).status).toBe(201);
      const problem = await expectProblem(await api.post('/authors', { name: 'Ada again', email: email.toUpperCase() }, admin), 409);
      expect(problem.detail).toMatch(/email/);
    });

    test('POST /authors validates the name and email and refuses other fields', async () => {
      const email = `${unique('v')}@example.com`;
      await expectProblem(await api.post('/authors', { name: ' ', email }, admin), 422, ['/name']);
      await expectProblem(await api.post('/authors', { name: 'x'.repeat(101), email }, admin), 422, ['/name']);
      await expectProblem(await api.post('/authors', { name: 'Valid', email: 'not-an-email' }, admin), 422, ['/email']);
      await expectProblem(await api.post('/authors', { name: 'Valid', email, id: 1, token: 'x' }, admin), 422, ['/id', '/token']);
      await expectProblem(await api.post('/authors', {}, admin), 422, ['/name', '/email']);
    });
  });

  describe('tokens', () => {
    test('POST /tokens issues another token; both work', async () => {
      const author = await make.author();
      const response = await api.post('/tokens', undefined, { token: author.token });
      expect(response.status).toBe(201);
      const issued = (await response.json()) as { token: string; createdAt: string };
      expect(issued).toEqual({ token: expect.stringMatching(/^aw_[\w-]{55}$/), createdAt: isoTimestamp });
      expect(issued.token).not.toBe(author.token);
      for (const token of [author.token, issued.token]) {
        expect((await api.post('/posts', newPost(), { token })).status).toBe(201);
      }
    });

    test('DELETE /tokens/current revokes the token in use, and only that one', async () => {
      const author = await make.author();
      const revoked = await make.revokedToken(author);
      await expectUnauthorized(await api.post('/posts', newPost(), { token: revoked }), { tokenSent: true });
      await expectUnauthorized(await api.delete('/tokens/current', { token: revoked }), { tokenSent: true });
      expect((await api.post('/posts', newPost(), { token: author.token })).status).toBe(201);
    });

    test('a token with a valid shape but a wrong secret is refused', async () => {
      const author = await make.author();
      const forged = author.token.slice(0, 15) + (author.token[15] === 'A' ? 'B' : 'A') + author.token.slice(16);
      await expectUnauthorized(await api.post('/posts', newPost(), { token: forged }), { tokenSent: true });
      const tampered = author.token.slice(0, -1) + (author.token.endsWith('A') ? 'B' : 'A');
      await expectUnauthorized(await api.post('/posts', newPost(), { token: tampered }), { tokenSent: true });
    });

    test('an Authorization header that is not a bearer token is a 401', async () => {
      const author = await make.author();
      for (const header of [`Basic ${author.token}`, 'Bearer', `Bearer ${author.token} extra`]) {
        await expectUnauthorized(await api.get('/posts', { headers: { Authorization: header } }), { tokenSent: true });
      }
    });
  });
}
