import { createClient } from '@anywhere/core/client';
import { describe, expect } from 'vitest';
import { fixtures, newPost } from './fixtures.ts';
import { client, expectProblem } from './http.ts';
import { matrix } from './matrix.ts';
import type { Fetch } from './target.ts';

const header = 'X-D1-Bookmark';
const bookmark = /^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{32}$/;

/** The bookmark a response carries; it must carry one. */
function sent(response: { headers: Headers }): string {
  const value = response.headers.get(header);
  expect(value).toMatch(bookmark);
  return value!;
}

export interface BookmarkTarget {
  adapter: string;
  /** What serves it, when not workerd in-process: `wrangler dev`. */
  runtime?: string;
  fetch: Fetch;
  adminToken: string;
}

/**
 * D1's read replication as a client sees it: the plumbing of X-D1-Bookmark.
 * Local D1 has one primary and no replicas, so this proves the header is
 * given, advances, is honoured when sent back and refused when malformed;
 * not replica lag, which only Cloudflare has.
 */
export function describeBookmarks(target: BookmarkTarget): void {
  const { test } = matrix(target);
  const api = client(target.fetch);
  const make = fixtures(api, target.adminToken);

  describe(`D1 bookmarks (X-D1-Bookmark)${target.runtime ? ` under ${target.runtime}` : ''}`, () => {
    test("a write's response carries a bookmark, and a read that sends it back sees the write and carries one at least as new", async () => {
      const author = await make.author();
      const created = await api.post('/posts', newPost(), { token: author.token });
      expect(created.status).toBe(201);
      const written = sent(created);
      const { id } = (await created.json()) as { id: number };
      const read = await api.get(`/posts/${id}`, { headers: { [header]: written } });
      expect(read.status).toBe(200);
      expect(sent(read) >= written).toBe(true);
    });

    test('the bookmark advances past the one sent when the request writes', async () => {
      const author = await make.author();
      const first = sent(await api.post('/posts', newPost(), { token: author.token }));
      const second = await api.post('/posts', newPost(), { token: author.token, headers: { [header]: first } });
      expect(second.status).toBe(201);
      expect(sent(second) > first).toBe(true);
    });

    test('responses that reached the database carry one, error responses included', async () => {
      expect(sent(await api.get('/posts?limit=1')).length).toBeGreaterThan(0);
      const missing = await api.get('/posts/999999999');
      await expectProblem(missing.clone(), 404);
      sent(missing);
      const unknownToken = await api.get('/posts', { token: `aw_${'x'.repeat(55)}` });
      await expectProblem(unknownToken.clone(), 401);
      sent(unknownToken);
    });

    test('a request that reads nothing hands back the bookmark it sent', async () => {
      const known = sent(await api.get('/posts?limit=1'));
      const response = await api.get('/health', { headers: { [header]: known } });
      expect(response.status).toBe(200);
      expect(response.headers.get(header)).toBe(known);
    });

    test('a malformed bookmark is a 400 problem naming the header, on reads and writes alike, and writes nothing', async () => {
      const author = await make.author();
      const title = `Never written ${crypto.randomUUID()}`;
      for (const garbage of ['garbage', 'first-primary', '0000000a-00000003-00000000', `${'0'.repeat(8)}-${'0'.repeat(8)}-${'0'.repeat(8)}-${'0'.repeat(33)}`]) {
        const read = await api.get('/posts', { headers: { [header]: garbage } });
        expect(((await expectProblem(read, 400)).detail as string)).toContain(header);
        const write = await api.post('/posts', newPost({ title }), { token: author.token, headers: { [header]: garbage } });
        expect(((await expectProblem(write, 400)).detail as string)).toContain(header);
      }
      const mine = (await (await api.get(`/posts?authorId=${author.id}`)).json()) as { items: unknown[] };
      expect(mine.items).toEqual([]);
    });

    test('the typed client keeps the newest bookmark it was given and sends it back by itself', async () => {
      const seen: (string | null)[] = [];
      const recording = async (input: RequestInfo | URL, init?: RequestInit) => {
        const request = new Request(input, init);
        seen.push(request.headers.get(header));
        return target.fetch(request);
      };
      const admin = createClient('http://anywhere.test', { token: target.adminToken, fetch: recording as typeof fetch });
      const created = await admin.authors.$post({ json: { name: 'Bookmarked', email: `${crypto.randomUUID()}@example.com` } });
      expect(created.status).toBe(201);
      const given = sent(created);
      const { token } = await created.json();
      const listed = await admin.posts.$get({ query: { limit: '1' } });
      expect(listed.status).toBe(200);
      expect(seen).toEqual([null, given]);
      // A second client starts without one; the first keeps its own, never an older one.
      const author = createClient('http://anywhere.test', { token, fetch: recording as typeof fetch });
      expect((await author.posts.$post({ json: newPost() as { title: string; body: string } })).status).toBe(201);
      expect(seen[2]).toBeNull();
      await admin.posts.$get({ query: { limit: '1' } });
      expect(seen[3]! >= given).toBe(true);
    });
  });
}
