import { describe, expect } from 'vitest';
import { unique, type Author, type PostBody } from '../fixtures.ts';
import { expectProblem } from '../http.ts';
import type { SuiteContext } from './context.ts';

interface Page {
  items: PostBody[];
  nextCursor: string | null;
}

const ids = (posts: PostBody[]) => posts.map((post) => post.id);

export function describeListing({ api, make, test }: SuiteContext) {
  const page = async (query: string, token?: string): Promise<Page> => {
    const response = await api.get(`/posts?${query}`, { token });
    expect(response.status).toBe(200);
    return (await response.json()) as Page;
  };
  /** Every page of a query, following nextCursor. */
  const walk = async (query: string, token?: string) => {
    const pages: Page[] = [await page(query, token)];
    while (pages.at(-1)!.nextCursor) pages.push(await page(`${query}&cursor=${pages.at(-1)!.nextCursor}`, token));
    return pages;
  };
  const several = async (author: Author, count: number, overrides: Record<string, unknown> = {}) => {
    const created = [];
    for (let i = 0; i < count; i++) created.push(await make.post(author, overrides));
    return created;
  };

  describe('GET /posts', () => {
    test('GET /posts lists published posts newest first, and never a draft to anyone but its author', async () => {
      const [author, other] = [await make.author(), await make.author()];
      const [first, second] = await several(author, 2);
      const draft = await make.post(author, { status: 'draft' });
      const third = await make.post(author);
      expect(ids((await page(`authorId=${author.id}`)).items)).toEqual([third.id, second!.id, first!.id]);
      expect(ids((await page(`authorId=${author.id}`, other.token)).items)).toEqual([third.id, second!.id, first!.id]);
      expect(ids((await page(`authorId=${author.id}`, author.token)).items)).toEqual([third.id, draft.id, second!.id, first!.id]);
    });

    test('GET /posts filters by status: drafts are only ever the caller\'s own', async () => {
      const author = await make.author();
      const draft = await make.post(author, { status: 'draft' });
      await make.post(author);
      expect(ids((await page(`authorId=${author.id}&status=draft`, author.token)).items)).toEqual([draft.id]);
      expect((await page(`authorId=${author.id}&status=draft`)).items).toEqual([]);
      expect((await page('status=draft')).items).toEqual([]);
    });

    test('GET /posts filters by tag and by author together', async () => {
      const [author, other] = [await make.author(), await make.author()];
      const tag = unique('t').toLowerCase();
      const tagged = await make.post(author, { tags: [tag, 'other'] });
      await make.post(author, { tags: ['other'] });
      const elsewhere = await make.post(other, { tags: [tag] });
      expect(ids((await page(`tag=${tag}`)).items)).toEqual([elsewhere.id, tagged.id]);
      expect(ids((await page(`tag=${tag.toUpperCase()}&authorId=${author.id}`)).items)).toEqual([tagged.id]);
    });

    test('GET /posts pages by cursor: every post once, in order, and a null cursor on the last page', async () => {
      const author = await make.author();
      const created = await several(author, 7);
      const pages = await walk(`authorId=${author.id}&limit=3`);
      expect(pages.map((p) => p.items.length)).toEqual([3, 3, 1]);
      expect(pages.flatMap((p) => ids(p.items))).toEqual(ids(created).toReversed());
      expect(pages.at(-1)!.nextCursor).toBeNull();
    });

    test('GET /posts pages stay stable while new posts arrive', async () => {
      const author = await make.author();
      const created = await several(author, 4);
      const first = await page(`authorId=${author.id}&limit=2`);
      const arrived = await several(author, 3);
      const second = await page(`authorId=${author.id}&limit=2&cursor=${first.nextCursor}`);
      expect(ids(first.items)).toEqual([created[3]!.id, created[2]!.id]);
      expect(ids(second.items)).toEqual([created[1]!.id, created[0]!.id]);
      expect(ids((await page(`authorId=${author.id}&limit=3`)).items)).toEqual(ids(arrived).toReversed());
    });

    test('GET /posts returns 20 posts by default and at most 100', async () => {
      const author = await make.author();
      await several(author, 21);
      expect((await page(`authorId=${author.id}`)).items).toHaveLength(20);
      expect((await page(`authorId=${author.id}&limit=100`)).items).toHaveLength(21);
    });

    // D1 refuses a statement with more than 100 bound parameters (and other limits local D1 lacks):
    // the d1 run enforces them, so these are the requests that would find one.
    test('the widest requests the API allows: 10 tags, replaced by 10 others, then the largest page with every filter and a cursor', async () => {
      const author = await make.author();
      const mark = unique('w').toLowerCase();
      const tags = (prefix: string) => Array.from({ length: 10 }, (_, i) => `${prefix}${i}-${mark}`);
      const created = await several(author, 3, { tags: tags('a') });
      expect(created.map((post) => post.tags)).toEqual(Array(3).fill(tags('a').toSorted()));
      const replaced = await api.put(`/posts/${created[0]!.id}`, { title: 'Wide', body: 'B', status: 'published', tags: tags('b') }, {
        token: author.token,
        headers: { 'If-Match': created[0]!.etag },
      });
      expect(replaced.status).toBe(200);
      expect(((await replaced.json()) as PostBody).tags).toEqual(tags('b').toSorted());
      const query = `authorId=${author.id}&tag=a0-${mark}&status=published&limit=100`;
      const first = await page(`${query.replace('limit=100', 'limit=1')}`, author.token);
      const rest = await page(`${query}&cursor=${first.nextCursor}`, author.token);
      expect(ids([...first.items, ...rest.items])).toEqual([created[2]!.id, created[1]!.id]);
      expect(rest.nextCursor).toBeNull();
    });

    test('GET /posts rejects a bad limit, cursor, authorId, tag or status', async () => {
      for (const [query, path] of [
        ['limit=0', '/limit'],
        ['limit=101', '/limit'],
        ['limit=abc', '/limit'],
        ['limit=1.5', '/limit'],
        ['authorId=0', '/authorId'],
        ['authorId=x', '/authorId'],
        ['tag=has%20space', '/tag'],
        ['status=archived', '/status'],
      ] as const) {
        await expectProblem(await api.get(`/posts?${query}`), 400, [path]);
      }
      for (const cursor of ['garbage', btoa('[1,2,3]'), btoa('{"a":1}'), btoa('[-1,5]')]) {
        await expectProblem(await api.get(`/posts?cursor=${encodeURIComponent(cursor)}`), 400, ['/cursor']);
      }
    });

    test('GET /posts rejects query parameters it does not know', async () => {
      await expectProblem(await api.get('/posts?author=7'), 400, ['/author']);
      await expectProblem(await api.get('/posts?offset=20&limit=5'), 400, ['/offset']);
    });
  });

  describe('GET /tags', () => {
    test('GET /tags counts published posts per tag, most used first, drafts not counted', async () => {
      const author = await make.author();
      const [popular, rare] = [unique('pop').toLowerCase(), unique('rare').toLowerCase()];
      await several(author, 3, { tags: [popular] });
      await make.post(author, { tags: [popular, rare] });
      await make.post(author, { tags: [rare], status: 'draft' });
      const response = await api.get('/tags?limit=500');
      expect(response.status).toBe(200);
      const { items } = (await response.json()) as { items: { name: string; posts: number }[] };
      const mine = items.filter((tag) => tag.name === popular || tag.name === rare);
      expect(mine).toEqual([{ name: popular, posts: 4 }, { name: rare, posts: 1 }]);
      const counts = items.map((tag) => tag.posts);
      expect(counts).toEqual(counts.toSorted((a, b) => b - a));
    });

    test('GET /tags forgets a tag once no published post carries it', async () => {
      const author = await make.author();
      const tag = unique('gone').toLowerCase();
      const post = await make.post(author, { tags: [tag] });
      await api.delete(`/posts/${post.id}`, { token: author.token });
      const { items } = (await (await api.get('/tags?limit=500')).json()) as { items: { name: string }[] };
      expect(items.map((item) => item.name)).not.toContain(tag);
    });

    test('GET /tags rejects a bad limit and unknown parameters', async () => {
      await expectProblem(await api.get('/tags?limit=0'), 400, ['/limit']);
      await expectProblem(await api.get('/tags?sort=name'), 400, ['/sort']);
    });
  });
}
