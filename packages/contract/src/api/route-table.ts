import type { OperationKey } from '@anywhere/core';
import type { Author, Fixtures } from '../fixtures.ts';
import { newPost, unique } from '../fixtures.ts';
import type { Api } from '../http.ts';

/** Every route the app serves: its documented operations, and the document and reference page themselves. */
export type Route = OperationKey | 'GET /openapi.json' | 'GET /docs' | 'GET /docs/{file}';
export const documentRoutes = ['GET /openapi.json', 'GET /docs', 'GET /docs/{file}'] as const satisfies readonly Route[];

export const callers = ['anonymous', 'bad token', 'revoked token', 'other author', 'owner', 'admin'] as const;
export type Caller = (typeof callers)[number];
export type Expected = Record<Caller, number>;

/** What a request to a route is about: the owner's things, and everyone else who may ask. */
export interface Scene {
  owner: Author;
  other: Author;
  /** One of the owner's tokens, revoked. */
  revoked: string;
  published: number;
  draft: number;
}

export interface RouteRequest {
  method: string;
  path: string;
  body?: unknown;
}

export interface RouteRow {
  /** A valid request to this route about the owner's things; `postId` is the post it is about, if any. */
  request(scene: Scene, postId: number): RouteRequest;
  /** The status each caller gets. */
  expected: Expected;
  /** Routes about one post: the status each caller gets when that post is a draft (to anyone else it does not exist). */
  onDraft?: Expected;
  /** What a successful request uses up, so that a test repeating it makes a fresh one each time. */
  consumes?: 'token' | 'post';
}

const everyone = (status: number): Expected => ({
  anonymous: status,
  'bad token': status,
  'revoked token': status,
  'other author': status,
  owner: status,
  admin: status,
});
const unauthenticated = { anonymous: 401, 'bad token': 401, 'revoked token': 401 } as const;
/** Routes that act as whichever author sends the token. */
const anyAuthor = (status: number): Expected => ({ ...unauthenticated, 'other author': status, owner: status, admin: 403 });
/** Writes to one post: its author alone; to another author a draft does not exist. */
const ownerOnly = (status: number, otherAuthor: 403 | 404): Expected => ({ ...unauthenticated, 'other author': otherAuthor, owner: status, admin: 403 });
/** Reads that show a caller their own drafts, so a token that is sent must be good. */
const readAs = (status: number, stranger: number): Expected => ({
  anonymous: stranger,
  'bad token': 401,
  'revoked token': 401,
  'other author': stranger,
  owner: status,
  admin: stranger,
});

const post = (method: string, body?: unknown) => (_: Scene, id: number) => ({ method, path: `/posts/${id}`, body });

/**
 * Every route, and what every kind of caller gets from it: the one table the
 * auth matrix and the hostile-input properties are generated from. It is
 * keyed by the app's own operations, so a new route does not typecheck
 * without its row, and a test compares the keys with what the app serves.
 */
export const routeTable: Record<Route, RouteRow> = {
  'GET /health': { request: () => ({ method: 'GET', path: '/health' }), expected: everyone(200) },
  'GET /ready': { request: () => ({ method: 'GET', path: '/ready' }), expected: everyone(200) },
  'GET /openapi.json': { request: () => ({ method: 'GET', path: '/openapi.json' }), expected: everyone(200) },
  'GET /docs': { request: () => ({ method: 'GET', path: '/docs' }), expected: everyone(200) },
  'GET /docs/{file}': { request: () => ({ method: 'GET', path: '/docs/reference.js' }), expected: everyone(200) },
  'POST /authors': {
    request: () => ({ method: 'POST', path: '/authors', body: { name: 'New Author', email: `${unique('new')}@example.com` } }),
    expected: { ...unauthenticated, 'other author': 403, owner: 403, admin: 201 },
  },
  // Public, and it ignores Authorization: an author's page shows no drafts and no email.
  'GET /authors/{id}': { request: ({ owner }) => ({ method: 'GET', path: `/authors/${owner.id}` }), expected: everyone(200) },
  'POST /tokens': { request: () => ({ method: 'POST', path: '/tokens' }), expected: anyAuthor(201) },
  'DELETE /tokens/current': { request: () => ({ method: 'DELETE', path: '/tokens/current' }), expected: anyAuthor(204), consumes: 'token' },
  'GET /posts': {
    request: ({ owner }) => ({ method: 'GET', path: `/posts?authorId=${owner.id}&limit=5` }),
    expected: readAs(200, 200),
  },
  'POST /posts': { request: () => ({ method: 'POST', path: '/posts', body: newPost() }), expected: anyAuthor(201) },
  'GET /posts/{id}': { request: post('GET'), expected: readAs(200, 200), onDraft: readAs(200, 404) },
  'PATCH /posts/{id}': {
    request: post('PATCH', { title: 'Patched' }),
    expected: ownerOnly(200, 403),
    onDraft: ownerOnly(200, 404),
  },
  'PUT /posts/{id}': {
    request: post('PUT', { title: 'Replaced', body: 'Whole.', status: 'published', tags: ['whole'] }),
    expected: ownerOnly(200, 403),
    onDraft: ownerOnly(200, 404),
  },
  'DELETE /posts/{id}': { request: post('DELETE'), expected: ownerOnly(204, 403), onDraft: ownerOnly(204, 404), consumes: 'post' },
  'GET /tags': { request: () => ({ method: 'GET', path: '/tags?limit=5' }), expected: everyone(200) },
};

export const routes = Object.keys(routeTable) as Route[];

/** A well-formed token nobody issued. */
export const badToken = 'aw_thisIsNotAToken0000000000000000000000000000000000000000';

export async function makeScene(make: Fixtures): Promise<Scene> {
  const [owner, other] = [await make.author('Owner'), await make.author('Other')];
  const [published, draft] = [await make.post(owner), await make.post(owner, { status: 'draft' })];
  return { owner, other, revoked: await make.revokedToken(owner), published: published.id, draft: draft.id };
}

export function tokenOf(caller: Caller, scene: Scene, adminToken: string): string | undefined {
  switch (caller) {
    case 'anonymous':
      return undefined;
    case 'bad token':
      return badToken;
    case 'revoked token':
      return scene.revoked;
    case 'other author':
      return scene.other.token;
    case 'owner':
      return scene.owner.token;
    case 'admin':
      return adminToken;
  }
}

/** The method and path of every route the app's OpenAPI document lists, and the two routes that serve it. */
export async function servedRoutes(api: Api): Promise<string[]> {
  const document = (await (await api.get('/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
  const documented = Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));
  return [...documented, ...documentRoutes];
}
