import { expect } from 'vitest';
import type { Fetch } from './target.ts';

// In-process targets need an absolute URL; its host is never contacted.
const origin = 'http://anywhere.test';

export interface SendOptions {
  /** An object is sent as JSON; a string, bytes or a stream (chunked, no Content-Length) as they are. */
  body?: unknown;
  /** Added to (or replacing) the defaults; `undefined` leaves a default header out. */
  headers?: Record<string, string | undefined>;
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
}

export type Api = ReturnType<typeof client>;

/** A small client over a fetch function, for the suite's own use: it sends what it is told, valid or not. */
export function client(fetch: Fetch) {
  const send = (method: string, path: string, { body, headers = {}, token }: SendOptions = {}) => {
    const all: Record<string, string> = {};
    if (body !== undefined) all['Content-Type'] = 'application/json';
    if (token !== undefined) all.Authorization = `Bearer ${token}`;
    const merged = Object.entries({ ...all, ...headers }).filter((entry): entry is [string, string] => entry[1] !== undefined);
    const init: RequestInit = { method, headers: merged };
    if (body instanceof ReadableStream) Object.assign(init, { body, duplex: 'half' });
    else if (body instanceof Uint8Array) init.body = body as Uint8Array<ArrayBuffer>;
    else if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
    return fetch(new Request(origin + path, init));
  };
  return {
    send,
    get: (path: string, options?: SendOptions) => send('GET', path, options),
    post: (path: string, body: unknown, options?: SendOptions) => send('POST', path, { ...options, body }),
    put: (path: string, body: unknown, options?: SendOptions) => send('PUT', path, { ...options, body }),
    patch: (path: string, body: unknown, options?: SendOptions) => send('PATCH', path, { ...options, body }),
    delete: (path: string, options?: SendOptions) => send('DELETE', path, options),
  };
}

/** The suite's requests, sent to a running server (the origin `base` names once it has started). */
export function remote(base: () => URL): Fetch {
  return async (request) => {
    const { pathname, search } = new URL(request.url);
    const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.arrayBuffer();
    return fetch(new URL(pathname + search, base()), { method: request.method, headers: request.headers, body, redirect: 'manual' });
  };
}

/** Asserts an RFC 9457 problem response, with its request id, and returns its body. */
export async function expectProblem(response: Response, status: number, fieldPaths?: string[]) {
  expect(response.status).toBe(status);
  expect(response.headers.get('Content-Type')).toMatch(/^application\/problem\+json/);
  const problem = (await response.json()) as Record<string, unknown>;
  expect(problem).toMatchObject({ type: 'about:blank', status });
  expect(problem.title).toEqual(expect.any(String));
  expect(problem.detail).toEqual(expect.any(String));
  expect(problem.requestId).toBe(response.headers.get('X-Request-Id'));
  if (fieldPaths) {
    const errors = problem.errors as { path: string; message: string }[];
    expect(errors.map((error) => error.path).toSorted()).toEqual(fieldPaths.toSorted());
    for (const error of errors) expect(error.message.length).toBeGreaterThan(0);
  } else {
    expect(problem.errors).toBeUndefined();
  }
  return problem;
}

/** A 401 that names the Bearer scheme, and says invalid_token when a token was sent. */
export async function expectUnauthorized(response: Response, { tokenSent }: { tokenSent: boolean }) {
  await expectProblem(response, 401);
  const challenge = response.headers.get('WWW-Authenticate') ?? '';
  expect(challenge).toMatch(/^Bearer realm="anywhere"/);
  if (tokenSent) expect(challenge).toContain('error="invalid_token"');
  else expect(challenge).not.toContain('error=');
}

export const isoTimestamp = expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
