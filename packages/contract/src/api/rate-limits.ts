import { describe, expect } from 'vitest';
import { newPost } from '../fixtures.ts';
import { client, expectProblem, sleep } from '../http.ts';
import type { SuiteContext } from './context.ts';
import { operations } from './operations.ts';

/** A documentation address (RFC 5737) no other test uses. */
const someAddress = () => `203.0.113.${Math.floor(Math.random() * 254) + 1}`;

/** A 429 in the problem shape, with a whole number of seconds to wait. */
async function expectTooMany(response: Response, maxSeconds: number) {
  const problem = await expectProblem(response, 429);
  const retryAfter = Number(response.headers.get('Retry-After'));
  expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= maxSeconds).toBe(true);
  return { problem, retryAfter };
}

export function describeRateLimits({ api, make, target, test, testIf }: SuiteContext) {
  const limited = (settings: Record<string, string>) => client(target.withSettings({ ADMIN_TOKEN: target.adminToken, ...settings }));

  describe('rate limits', () => {
    test('RATE_LIMIT_TOKEN: past its limit a token gets 429 with Retry-After, while other tokens and no token go on', async () => {
      const strict = limited({ RATE_LIMIT_TOKEN: '3/60s', RATE_LIMIT: 'off' });
      const [first, second] = [await make.author(), await make.author()];
      for (let i = 0; i < 3; i++) expect((await strict.get('/posts', { token: first.token })).status).toBe(200);
      const { problem } = await expectTooMany(await strict.get('/posts', { token: first.token }), 60);
      expect(problem.detail).toContain('token');
      expect(JSON.stringify(problem)).not.toContain(first.token);
      expect((await strict.get('/posts', { token: second.token })).status).toBe(200);
      expect((await strict.get('/posts')).status).toBe(200);
    });

    test('a refused write changes nothing: the limit is checked before the route runs', async () => {
      const strict = limited({ RATE_LIMIT_TOKEN: '3/60s', RATE_LIMIT: 'off' });
      const author = await make.author();
      for (let i = 0; i < 3; i++) expect((await strict.post('/posts', newPost(), { token: author.token })).status).toBe(201);
      await expectTooMany(await strict.post('/posts', newPost({ title: 'Over the limit' }), { token: author.token }), 60);
      const mine = await api.get(`/posts?authorId=${author.id}`);
      expect(((await mine.json()) as { items: { title: string }[] }).items.map((post) => post.title)).toHaveLength(3);
    });

    test('RATE_LIMIT: past its limit a client address gets 429; TRUST_PROXY takes the last X-Forwarded-For hop', async () => {
      const strict = limited({ RATE_LIMIT: '3/60s', RATE_LIMIT_TOKEN: 'off', TRUST_PROXY: 'true' });
      const [address, other] = [someAddress(), '2001:db8:1:2::7'];
      // Whatever a client writes first is not its address: only the proxy's own hop counts.
      for (let i = 0; i < 3; i++) {
        expect((await strict.get('/posts', { headers: { 'X-Forwarded-For': `198.51.100.${i}, ${address}` } })).status).toBe(200);
      }
      const { problem } = await expectTooMany(await strict.get('/tags', { headers: { 'X-Forwarded-For': address } }), 60);
      expect(problem.detail).toContain('address');
      expect((await strict.get('/posts', { headers: { 'X-Forwarded-For': other } })).status).toBe(200);
    });

    test('an IPv6 client is counted by its /64: rotating addresses inside it does not reset the limit', async () => {
      const strict = limited({ RATE_LIMIT: '3/60s', RATE_LIMIT_TOKEN: 'off', TRUST_PROXY: 'true' });
      const network = `2001:db8:${Math.floor(Math.random() * 0xffff).toString(16)}:1`;
      for (const host of ['::1', '::2', ':0:0:0:3']) {
        expect((await strict.get('/posts', { headers: { 'X-Forwarded-For': `${network}${host}` } })).status).toBe(200);
      }
      await expectTooMany(await strict.get('/posts', { headers: { 'X-Forwarded-For': `${network}:abcd:ef01:2345:6789` } }), 60);
    });

    test('GET /health and GET /ready are never limited', async () => {
      const strict = limited({ RATE_LIMIT: '1/60s', RATE_LIMIT_TOKEN: '1/60s', TRUST_PROXY: 'true' });
      const author = await make.author();
      const headers = { 'X-Forwarded-For': someAddress() };
      for (let i = 0; i < 5; i++) {
        expect((await strict.get('/health', { headers, token: author.token })).status).toBe(200);
        expect((await strict.get('/ready', { headers, token: author.token })).status).toBe(200);
      }
      expect((await strict.get('/posts', { headers, token: author.token })).status).toBe(200);
      await expectTooMany(await strict.get('/posts', { headers, token: author.token }), 60);
    });

    testIf('short-rate-limit-periods', 'after Retry-After seconds the client may send again', async () => {
      const strict = limited({ RATE_LIMIT_TOKEN: '2/2s', RATE_LIMIT: 'off' });
      const author = await make.author();
      for (let i = 0; i < 2; i++) expect((await strict.get('/tags', { token: author.token })).status).toBe(200);
      const { retryAfter } = await expectTooMany(await strict.get('/tags', { token: author.token }), 2);
      await sleep(retryAfter * 1000);
      expect((await strict.get('/tags', { token: author.token })).status).toBe(200);
    });

    test('a bad rule stops the app at start, naming the variable', () => {
      expect(() => target.withSettings({ RATE_LIMIT: 'lots' })).toThrow(/RATE_LIMIT:/);
      expect(() => target.withSettings({ RATE_LIMIT_TOKEN: '10/0s' })).toThrow(/RATE_LIMIT_TOKEN/);
      expect(() => target.withSettings({ TRUST_PROXY: 'yes' })).toThrow(/TRUST_PROXY/);
    });

    test('the OpenAPI document lists 429 with Retry-After on every operation but the health checks', async () => {
      const document = (await (await api.get('/openapi.json')).json()) as {
        paths: Record<string, Record<string, { responses: Record<string, { headers?: Record<string, unknown> }> }>>;
      };
      for (const operation of operations) {
        const [method, path] = operation.split(' ') as [string, string];
        const responses = document.paths[path]![method.toLowerCase()]!.responses;
        if (path === '/health' || path === '/ready') expect(responses['429']).toBeUndefined();
        else expect(responses['429']?.headers).toHaveProperty('Retry-After');
      }
    });
  });
}
