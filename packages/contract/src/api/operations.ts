import type { OperationKey } from '@anywhere/core';
import { describe, expect } from 'vitest';
import { expectProblem } from '../http.ts';
import type { SuiteContext } from './context.ts';

/** Every operation the API offers; the OpenAPI document and /docs must list each. */
export const operations = [
  'GET /health',
  'GET /ready',
  'POST /authors',
  'GET /authors/{id}',
  'POST /tokens',
  'DELETE /tokens/current',
  'GET /posts',
  'POST /posts',
  'GET /posts/{id}',
  'PATCH /posts/{id}',
  'PUT /posts/{id}',
  'DELETE /posts/{id}',
  'GET /tags',
] as const satisfies readonly OperationKey[];

export function describeOperations({ api, test }: SuiteContext) {
  describe('operations', () => {
    test('GET /health answers ok', async () => {
      const response = await api.get('/health');
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ok' });
    });

    test('GET /ready answers ready after a database round trip', async () => {
      const response = await api.get('/ready');
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ready' });
    });

    test('GET /openapi.json is OpenAPI 3.1 and documents every operation', async () => {
      const response = await api.get('/openapi.json');
      expect(response.status).toBe(200);
      const document = (await response.json()) as {
        openapi: string;
        paths: Record<string, Record<string, { parameters: unknown[]; responses: Record<string, unknown> }>>;
        components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
      };
      expect(document.openapi).toBe('3.1.0');
      const documented = Object.entries(document.paths).flatMap(([path, item]) =>
        Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
      );
      expect(documented.toSorted()).toEqual(operations.toSorted());
      expect(Object.keys(document.components.schemas)).toEqual(
        expect.arrayContaining(['Post', 'NewPost', 'PostPatch', 'PostReplacement', 'PostPage', 'Author', 'Problem']),
      );
      expect(document.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
      // D1's session bookmark, on every operation's request and on its responses (but a 429, answered before the database).
      for (const item of Object.values(document.paths)) {
        for (const { parameters, responses } of Object.values(item)) {
          expect(parameters).toContainEqual(expect.objectContaining({ name: 'X-D1-Bookmark', in: 'header', required: false }));
          for (const [status, described] of Object.entries(responses)) {
            if (status !== '429') expect(described).toMatchObject({ headers: { 'X-D1-Bookmark': expect.any(Object) } });
          }
        }
      }
      // The validation rules themselves are in the document, from the same zod schemas.
      expect(document.components.schemas.NewPost).toMatchObject({
        properties: { title: { minLength: 1, maxLength: 200 } },
        additionalProperties: false,
      });
    });

    test('GET /docs is an HTML reference listing every operation, with no script', async () => {
      const response = await api.get('/docs');
      expect(response.status).toBe(200);
      expect(response.headers.get('Content-Type')).toMatch(/^text\/html/);
      expect(response.headers.get('Content-Security-Policy')).toMatch(/default-src 'none'; style-src 'sha256-/);
      const html = await response.text();
      expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/i);
      for (const operation of operations) {
        const [method, path] = operation.split(' ');
        expect(html).toContain(`<span class="method ${method!.toLowerCase()}">${method!.toLowerCase()}</span> <span class="path">${path}</span>`);
      }
    });

    test('an unknown route answers 404 problem details', async () => {
      await expectProblem(await api.get('/nope'), 404);
    });

    test('a method a route does not have answers 405 with Allow', async () => {
      const onPost = await api.send('POST', '/posts/1', { body: {} });
      await expectProblem(onPost, 405);
      expect(onPost.headers.get('Allow')?.split(', ')).toEqual(expect.arrayContaining(['GET', 'PATCH', 'PUT', 'DELETE']));
      const onTags = await api.delete('/tags');
      await expectProblem(onTags, 405);
      expect(onTags.headers.get('Allow')?.split(', ')).toEqual(expect.arrayContaining(['GET']));
    });
  });
}
