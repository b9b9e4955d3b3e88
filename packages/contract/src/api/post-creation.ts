import { describe, expect } from 'vitest';
import { newPost, unique, type PostBody } from '../fixtures.ts';
import { expectProblem, isoTimestamp } from '../http.ts';
import type { SuiteContext } from './context.ts';

/** Text as UTF-8, with raw bytes wherever a number stands. */
const bytes = (...parts: (string | number)[]) =>
  new Uint8Array(parts.flatMap((part) => (typeof part === 'string' ? [...new TextEncoder().encode(part)] : [part])));

export function describePostCreation({ api, make, target, test }: SuiteContext) {
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

    test('POST /posts and POST /authors refuse NUL characters and unpaired surrogates with 422', async () => {
      const { token } = await make.author();
      await expectProblem(await api.post('/posts', newPost({ title: '\u0000Title' }), { token }), 422, ['/title']);
      await expectProblem(await api.post('/posts', newPost({ body: '\u0000' }), { token }), 422, ['/body']);
      await expectProblem(await api.post('/posts', newPost({ title: 'Lone \ud800 half' }), { token }), 422, ['/title']);
      const author = { name: 'Nul\u0000', email: `${unique('nul')}@example.com` };
      await expectProblem(await api.post('/authors', author, { token: target.adminToken }), 422, ['/name']);
    });

    test('POST /posts refuses a body that is not UTF-8 with 400, instead of storing U+FFFD in its place', async () => {
      const author = await make.author();
      const { title } = newPost();
      // 'é' as Latin-1 sends the one byte 0xE9, which starts a UTF-8 sequence that never comes.
      const latin1 = bytes(`{"title":"${title}","body":"Caf`, 0xe9, ' au lait."}');
      const problem = await expectProblem(await api.post('/posts', latin1, { token: author.token }), 400);
      expect(problem.detail).toMatch(/UTF-8/);
      const mine = await api.get(`/posts?authorId=${author.id}`, { token: author.token });
      expect(((await mine.json()) as { items: unknown[] }).items).toEqual([]);
      const utf8 = await api.post('/posts', bytes(`{"title":"${title}","body":"Caf\u00e9 au lait."}`), { token: author.token });
      expect(utf8.status).toBe(201);
      expect(await utf8.json()).toMatchObject({ body: 'Caf\u00e9 au lait.' });
    });
  });
}
