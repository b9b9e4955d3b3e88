import { count, max } from 'drizzle-orm';
import * as fc from 'fast-check';
import { afterAll, describe, expect } from 'vitest';
import { figure } from '../figures.ts';
import { client, type Api, type SendOptions } from '../http.ts';
import type { SuiteContext } from './context.ts';
import { concat, hostileBody, hostileHeaders, hostileId, hostileQuery, invalidUtf8, tokenPlaceholder } from './hostile-inputs.ts';
import { makeScene, routes, routeTable, type Route, type Scene } from './route-table.ts';

// Property-based: fast-check generates malformed and extreme input for every
// route in the route table. Whatever arrives, the API never answers 5xx, every
// 4xx is the documented problem shape, and a rejected request leaves the
// database as it found it. Seeded, so a failure reproduces: its message names
// the seed and path; HOSTILE_SEED=<seed> runs another sequence.
const seed = Number(globalThis.process?.env?.HOSTILE_SEED) || 20_261_121;
const runs = { ids: 240, queries: 400, headers: 500, bodies: 800 };
const timeoutMs = 120_000;

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const isUtf8 = (bytes: Uint8Array) => {
  try {
    utf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
};

/** `valid` as JSON with `bytes` at the start of its first string value. */
const inside = (valid: unknown, bytes: number[]) => {
  const json = JSON.stringify(valid ?? { any: 'thing' });
  const at = json.indexOf(':"') + 2;
  return concat(json.slice(0, at), bytes, json.slice(at));
};

const problemKeys = new Set(['type', 'title', 'status', 'detail', 'requestId', 'errors']);

/** The app's one error shape (packages/core/src/http/problem.ts), and nothing else in it. */
async function expectProblemShape(response: Response) {
  expect(response.headers.get('Content-Type')).toMatch(/^application\/problem\+json/);
  const problem = (await response.json()) as Record<string, unknown>;
  expect(Object.keys(problem).filter((key) => !problemKeys.has(key))).toEqual([]);
  expect(problem).toMatchObject({ type: 'about:blank', status: response.status, title: expect.any(String), detail: expect.any(String) });
  expect(problem.requestId).toBe(response.headers.get('X-Request-Id'));
  if (problem.errors !== undefined) {
    for (const error of problem.errors as Record<string, unknown>[]) {
      expect(Object.keys(error).toSorted()).toEqual(['message', 'path']);
      expect(error).toEqual({ path: expect.any(String), message: expect.any(String) });
    }
  }
}

interface Ground {
  scene: Scene;
  /** A real nextCursor, to tamper with. */
  cursor: string;
  /** A real ETag, to garble. */
  etag: string;
}

export function describeHostileInput({ make, target, test }: SuiteContext) {
  // Limits off: thousands of requests from one client are the point here, not abuse. Made once the database is open.
  let limitless: Api | undefined;
  const api = () => (limitless ??= client(target.withSettings({ ADMIN_TOKEN: target.adminToken, RATE_LIMIT: 'off', RATE_LIMIT_TOKEN: 'off' })));
  let tried = 0;
  let serverErrors = 0;
  let ground: Promise<Ground> | undefined;
  /** The database's fingerprint after the last request; undefined once something else wrote. */
  let last: string | undefined;

  const prepare = async (): Promise<Ground> => {
    const scene = await makeScene(make);
    await make.post(scene.owner); // a second page exists, so there is a real cursor
    const page = (await (await api().get(`/posts?authorId=${scene.owner.id}&limit=1`, { token: scene.owner.token })).json()) as { nextCursor: string };
    const etag = (await api().get(`/posts/${scene.published}`)).headers.get('ETag')!;
    return { scene, cursor: page.nextCursor, etag };
  };

  /** Row counts and the newest change of every table: what any write would move. */
  const fingerprint = async () => {
    const { db, schema: { authors, tokens, posts, postTags } } = target.database.connect(target.env);
    const parts = await Promise.all([
      db.select({ rows: count(), last: max(authors.id) }).from(authors),
      db.select({ rows: count(), revoked: count(tokens.revokedAt), last: max(tokens.createdAt) }).from(tokens),
      db.select({ rows: count(), last: max(posts.id), updated: max(posts.updatedAt) }).from(posts),
      db.select({ rows: count() }).from(postTags),
    ]);
    return JSON.stringify(parts);
  };

  /** A valid request to `route` by whoever may send it, on things it may use up. */
  const baseline = async (route: Route, { scene }: Ground) => {
    const row = routeTable[route];
    let token = row.expected.owner < 300 ? scene.owner.token : target.adminToken;
    let postId = scene.published;
    if (row.consumes === 'post') postId = (await make.post(scene.owner)).id;
    if (row.consumes === 'token') token = ((await (await api().post('/tokens', undefined, { token })).json()) as { token: string }).token;
    if (row.consumes) last = undefined;
    return { ...row.request(scene, postId), token };
  };

  /** Sends one hostile request and checks the three properties. */
  const send = async (method: string, path: string, options: SendOptions) => {
    const before = (last ??= await fingerprint());
    const response = await api().send(method, path, options);
    tried++;
    const after = await fingerprint();
    last = after; // even if a check below fails, so fast-check's shrinking compares with the truth
    const where = `${method} ${path.slice(0, 200)}`;
    if (response.status >= 500) serverErrors++;
    if (response.status >= 500) expect.fail(`${where} answered ${response.status}: ${await response.text()}`);
    if (response.status >= 400) {
      await expectProblemShape(response);
      expect(after, `${where} was refused with ${response.status} but changed the database`).toBe(before);
    } else await response.body?.cancel();
    return response.status;
  };

  /** One property over generated cases; fast-check's failure message names the seed and the shrunk case. */
  const property = <T>(numRuns: number, arbitrary: (ground: Ground) => fc.Arbitrary<T>, run: (ground: Ground, value: T) => Promise<void>) => async () => {
    const current = await (ground ??= prepare());
    await fc.assert(
      fc.asyncProperty(arbitrary(current), (value) => run(current, value)),
      { seed, numRuns },
    );
  };

  const withId = routes.filter((route) => route.includes('{id}'));
  const withBody = routes.filter((route) => !route.startsWith('GET '));

  describe('hostile input', () => {
    afterAll(() => {
      if (tried > 0) figure(target.adapter, `hostile input: ${tried} generated requests over ${routes.length} routes (seed ${seed}), ${serverErrors} answered 5xx`);
    });

    test(
      'malformed and extreme path ids: SQL injection, negative, fractional, beyond 2^53, unicode, empty, bad percent-encoding',
      property(runs.ids, () => fc.tuple(fc.constantFrom(...withId), hostileId), async (current, [route, { raw }]) => {
        const { method, body, token } = await baseline(route, current);
        await send(method, route.split(' ')[1]!.replace('{id}', raw), { body, token });
      }),
      timeoutMs,
    );

    test(
      'malformed query strings: unknown and repeated keys, huge limits, injection, random and tampered cursors',
      property(runs.queries, ({ cursor }) => fc.tuple(fc.constantFrom(...routes), hostileQuery(cursor)), async (current, [route, query]) => {
        const { method, path, body, token } = await baseline(route, current);
        await send(method, `${path}${path.includes('?') ? '&' : '?'}${query}`, { body, token });
      }),
      timeoutMs,
    );

    test(
      'odd headers: wrong or missing Content-Type, odd Authorization schemes, junk If-Match and If-None-Match',
      property(runs.headers, ({ etag }) => fc.tuple(fc.constantFrom(...routes), hostileHeaders(etag)), async (current, [route, headers]) => {
        const { method, path, body, token } = await baseline(route, current);
        const Authorization = headers.Authorization?.replaceAll(tokenPlaceholder, token);
        await send(method, path, { body, token, headers: { ...headers, Authorization } });
      }),
      timeoutMs,
    );

    test(
      'hostile bodies: huge, 10,000 deep, invalid UTF-8, duplicate keys, unsafe integers, wrong types, __proto__, empty, not JSON',
      property(
        runs.bodies,
        () => fc.tuple(fc.constantFrom(...withBody), fc.oneof(hostileBody, fc.constantFrom(...invalidUtf8).map((bytes) => ({ bytes })))),
        async (current, [route, generated]) => {
          const { method, path, token, body: valid } = await baseline(route, current);
          // Invalid UTF-8 inside an otherwise valid body, so nothing else could be why it is refused.
          const body = generated instanceof Uint8Array || typeof generated === 'string' ? generated : inside(valid, generated.bytes);
          const status = await send(method, path, { body, token });
          if (valid !== undefined && body instanceof Uint8Array && !isUtf8(body) && status < 400) {
            expect.fail(`${method} ${path} answered ${status} to a body that is not UTF-8: it was stored with U+FFFD in its place`);
          }
        },
      ),
      timeoutMs,
    );
  });
}
