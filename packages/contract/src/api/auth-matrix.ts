import { describe, expect } from 'vitest';
import type { Author, Fixtures } from '../fixtures.ts';
import { newPost } from '../fixtures.ts';
import { expectProblem, expectUnauthorized, type Api } from '../http.ts';
import type { SuiteContext } from './context.ts';

type CallerName = 'no token' | 'a bad token' | 'a revoked token' | 'another author' | 'the owner' | 'an author' | 'the admin';

interface Setup {
  owner: Author;
  other: Author;
  revoked: string;
  postId: number;
}

interface WriteRoute {
  name: string;
  send(api: Api, token: string | undefined, setup: Setup): Promise<Response>;
  expected: Partial<Record<CallerName, number>>;
}

const unauthenticated = { 'no token': 401, 'a bad token': 401, 'a revoked token': 401 } as const;

/** Every write route, every kind of caller: who may, and what everyone else gets. */
const routes: WriteRoute[] = [
  {
    name: 'POST /authors',
    send: (api, token) => api.post('/authors', { name: 'New', email: `${crypto.randomUUID()}@example.com` }, { token }),
    expected: { ...unauthenticated, 'an author': 403, 'the admin': 201 },
  },
  {
    name: 'POST /tokens',
    send: (api, token) => api.post('/tokens', undefined, { token }),
    expected: { ...unauthenticated, 'the admin': 403, 'an author': 201 },
  },
  {
    name: 'DELETE /tokens/current',
    send: (api, token) => api.delete('/tokens/current', { token }),
    expected: { ...unauthenticated, 'the admin': 403, 'an author': 204 },
  },
  {
    name: 'POST /posts',
    send: (api, token) => api.post('/posts', newPost(), { token }),
    expected: { ...unauthenticated, 'the admin': 403, 'an author': 201 },
  },
  {
    name: 'PATCH /posts/:id',
    send: (api, token, { postId }) => api.patch(`/posts/${postId}`, { title: 'Patched' }, { token }),
    expected: { ...unauthenticated, 'another author': 403, 'the admin': 403, 'the owner': 200 },
  },
  {
    name: 'PUT /posts/:id',
    send: (api, token, { postId }) =>
      api.put(`/posts/${postId}`, { title: 'Replaced', body: 'Whole.', status: 'published', tags: [] }, { token }),
    expected: { ...unauthenticated, 'another author': 403, 'the admin': 403, 'the owner': 200 },
  },
  {
    name: 'DELETE /posts/:id',
    send: (api, token, { postId }) => api.delete(`/posts/${postId}`, { token }),
    expected: { ...unauthenticated, 'another author': 403, 'the admin': 403, 'the owner': 204 },
  },
];

async function prepare(make: Fixtures): Promise<Setup> {
  const [owner, other] = [await make.author('Owner'), await make.author('Other')];
  const post = await make.post(owner);
  return { owner, other, revoked: await make.revokedToken(owner), postId: post.id };
}

function tokenFor(caller: CallerName, setup: Setup, adminToken: string): string | undefined {
  switch (caller) {
    case 'no token':
      return undefined;
    case 'a bad token':
      return 'aw_thisIsNotAToken0000000000000000000000000000000000000000';
    case 'a revoked token':
      return setup.revoked;
    case 'another author':
      return setup.other.token;
    case 'the owner':
    case 'an author':
      return setup.owner.token;
    case 'the admin':
      return adminToken;
  }
}

export function describeAuthMatrix({ api, make, target, test }: SuiteContext) {
  describe('auth matrix', () => {
    for (const route of routes) {
      for (const [caller, status] of Object.entries(route.expected) as [CallerName, number][]) {
        test(`${route.name} with ${caller} answers ${status}`, async () => {
          const setup = await prepare(make);
          const token = tokenFor(caller, setup, target.adminToken);
          const response = await route.send(api, token, setup);
          if (status === 401) await expectUnauthorized(response, { tokenSent: token !== undefined });
          else if (status >= 400) await expectProblem(response, status);
          else expect(response.status).toBe(status);
        });
      }
    }
  });
}
