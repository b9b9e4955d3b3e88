import { describe, expect } from 'vitest';
import { newPost } from '../fixtures.ts';
import { client, expectProblem } from '../http.ts';
import type { SuiteContext } from './context.ts';

const browserOrigin = 'https://app.example.com';

/** A body sent as a stream of `size`-byte chunks, so it carries no Content-Length. */
function inChunks(text: string, size: number): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, (offset += size)));
    },
  });
}

export function describeHardening({ api, make, target, test }: SuiteContext) {
  describe('hardening', () => {
    test('every response carries an X-Request-Id, and keeps a sane one the client sent', async () => {
      const generated = await api.get('/health');
      expect(generated.headers.get('X-Request-Id')).toMatch(/^[\w-]{8,}$/);
      const kept = await api.get('/health', { headers: { 'X-Request-Id': 'client-trace-42' } });
      expect(kept.headers.get('X-Request-Id')).toBe('client-trace-42');
      const problem = await expectProblem(await api.get('/posts/abc', { headers: { 'X-Request-Id': 'client-trace-43' } }), 400, ['/id']);
      expect(problem.requestId).toBe('client-trace-43');
    });

    test('an X-Request-Id that is not sane is replaced, not echoed', async () => {
      for (const sent of ['has spaces', 'x'.repeat(300), '<script>']) {
        const response = await api.get('/health', { headers: { 'X-Request-Id': sent } });
        expect(response.headers.get('X-Request-Id')).not.toBe(sent);
        expect(response.headers.get('X-Request-Id')).toMatch(/^[\w-]{8,}$/);
      }
    });

    test('responses carry secure headers and a deny-all Content-Security-Policy', async () => {
      const response = await api.get('/posts');
      expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
      expect(response.headers.get('Content-Security-Policy')).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(response.headers.get('X-Frame-Options')).toBe('DENY');
      expect(response.headers.get('Referrer-Policy')).toBe('no-referrer');
      expect(response.headers.get('Strict-Transport-Security')).toMatch(/max-age=\d+/);
      expect(response.headers.get('X-Powered-By')).toBeNull();
    });

    test('a body over the 64 KiB default is refused with 413 and nothing is written', async () => {
      const author = await make.author();
      const huge = newPost({ body: 'x'.repeat(100 * 1024) });
      await expectProblem(await api.post('/posts', huge, { token: author.token }), 413);
      const listed = await api.get(`/posts?authorId=${author.id}&status=draft`, { token: author.token });
      const published = await api.get(`/posts?authorId=${author.id}`, { token: author.token });
      expect(((await listed.json()) as { items: unknown[] }).items).toEqual([]);
      expect(((await published.json()) as { items: unknown[] }).items).toEqual([]);
    });

    test('a streamed body with no Content-Length is counted as it arrives: over the limit is 413, under it is read', async () => {
      const author = await make.author();
      const huge = JSON.stringify(newPost({ body: 'x'.repeat(100 * 1024) }));
      await expectProblem(await api.post('/posts', inChunks(huge, 16 * 1024), { token: author.token }), 413);
      const small = newPost({ title: 'Streamed in chunks' });
      const created = await api.post('/posts', inChunks(JSON.stringify(small), 16), { token: author.token });
      expect(created.status).toBe(201);
      expect(await created.json()).toMatchObject({ title: small.title, body: small.body });
    });

    test('BODY_LIMIT_KB sets the limit', async () => {
      const small = client(target.withSettings({ ADMIN_TOKEN: target.adminToken, BODY_LIMIT_KB: '1' }));
      const author = await make.author();
      await expectProblem(await small.post('/posts', newPost({ body: 'x'.repeat(2048) }), { token: author.token }), 413);
      expect((await small.post('/posts', newPost({ body: 'x'.repeat(512) }), { token: author.token })).status).toBe(201);
    });

    test('admin routes answer 503 when ADMIN_TOKEN is not configured, whatever is sent', async () => {
      const closed = client(target.withSettings({}));
      const body = { name: 'Nobody', email: 'nobody@example.com' };
      for (const token of [undefined, target.adminToken, 'guess']) {
        const problem = await expectProblem(await closed.post('/authors', body, token ? { token } : {}), 503);
        expect(problem.detail).toContain('ADMIN_TOKEN');
      }
    });

    test('a failure inside the database is a bare 500: no SQL, no stack, no table name', async () => {
      const broken = client(target.withoutSchema);
      for (const path of ['/posts', '/posts/1', '/tags', '/authors/1']) {
        const response = await broken.get(path);
        const problem = await expectProblem(response.clone(), 500);
        expect(problem.detail).toBe('Something went wrong on our side.');
        expect(await response.text()).not.toMatch(/select|posts|authors|post_tags|sqlite|no such table|\bat\s/i);
      }
    });

    test('CORS is off unless configured', async () => {
      const response = await api.get('/posts', { headers: { Origin: browserOrigin } });
      expect(response.headers.get('Access-Control-Allow-Origin')).toBeNull();
    });

    test('CORS answers a configured origin, and only that one', async () => {
      const withCors = client(target.withSettings({ CORS_ORIGINS: `${browserOrigin}, https://admin.example.com` }));
      const preflight = await withCors.send('OPTIONS', '/posts', {
        headers: { Origin: browserOrigin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('Access-Control-Allow-Origin')).toBe(browserOrigin);
      expect(preflight.headers.get('Access-Control-Allow-Methods')).toContain('PATCH');
      expect(preflight.headers.get('Access-Control-Allow-Headers')?.toLowerCase()).toContain('authorization');
      const allowed = await withCors.get('/posts', { headers: { Origin: browserOrigin } });
      expect(allowed.headers.get('Access-Control-Allow-Origin')).toBe(browserOrigin);
      expect(allowed.headers.get('Access-Control-Expose-Headers')).toContain('ETag');
      expect(allowed.headers.get('Vary')).toContain('Origin');
      const other = await withCors.get('/posts', { headers: { Origin: 'https://evil.example.com' } });
      expect(other.headers.get('Access-Control-Allow-Origin')).toBeNull();
    });

    test('CORS with credentials names the origin, never *', async () => {
      const withCredentials = client(target.withSettings({ CORS_ORIGINS: browserOrigin, CORS_CREDENTIALS: 'true' }));
      const response = await withCredentials.get('/posts', { headers: { Origin: browserOrigin } });
      expect(response.headers.get('Access-Control-Allow-Origin')).toBe(browserOrigin);
      expect(response.headers.get('Access-Control-Allow-Credentials')).toBe('true');
      expect(() => target.withSettings({ CORS_ORIGINS: '*', CORS_CREDENTIALS: 'true' })).toThrow(/CORS_ORIGINS/);
    });
  });
}
