import { expect } from 'vitest';
import type { ApiTarget } from './target.ts';

// In-process targets need an absolute URL; its host is never contacted.
const origin = 'http://anywhere.test';

export interface SendOptions {
  /** An object is sent as JSON; a string is sent as it is. */
  body?: unknown;
  headers?: Record<string, string>;
}

/** A small client over a target's fetch, for the suite's own use. */
export function client(target: ApiTarget) {
  const send = (method: string, path: string, { body, headers = {} }: SendOptions = {}) => {
    const init: RequestInit = { method, headers: { ...headers } };
    if (body !== undefined) {
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
      init.headers = { 'Content-Type': 'application/json', ...headers };
    }
    return target.fetch(new Request(origin + path, init));
  };
  return {
    send,
    get: (path: string) => send('GET', path),
    post: (path: string, body: unknown) => send('POST', path, { body }),
    put: (path: string, body: unknown) => send('PUT', path, { body }),
    delete: (path: string) => send('DELETE', path),
  };
}

/** Asserts an RFC 9457 problem response and returns its body. */
export async function expectProblem(response: Response, status: number, fieldPaths?: string[]) {
  expect(response.status).toBe(status);
  expect(response.headers.get('Content-Type')).toMatch(/^application\/problem\+json/);
  const problem = (await response.json()) as Record<string, unknown>;
  expect(problem).toMatchObject({ type: 'about:blank', status });
  expect(problem.title).toEqual(expect.any(String));
  expect(problem.detail).toEqual(expect.any(String));
  if (fieldPaths) {
    const errors = problem.errors as { path: string; message: string }[];
    expect(errors.map((error) => error.path).toSorted()).toEqual(fieldPaths.toSorted());
    for (const error of errors) expect(error.message.length).toBeGreaterThan(0);
  }
  return problem;
}
