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
      type Parameter = { $ref?: string; name?: string; in?: string };
      const document = (await response.json()) as {
        openapi: string;
        servers: { url: string }[];
        info: { license: { identifier: string }; contact: { name: string } };
        paths: Record<
          string,
          Record<string, { operationId: string; security: unknown[]; parameters: Parameter[]; responses: Record<string, { headers: Record<string, unknown> }> }>
        >;
        components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown>; parameters: Record<string, Parameter> };
      };
      expect(document.openapi).toBe('3.1.0');
      expect(document.servers).toEqual([expect.objectContaining({ url: '/' })]);
      expect(document.info).toMatchObject({ license: { identifier: 'MIT' }, contact: { name: expect.any(String) } });
      const documented = Object.entries(document.paths).flatMap(([path, item]) =>
        Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
      );
      expect(documented.toSorted()).toEqual(operations.toSorted());
      expect(Object.keys(document.components.schemas)).toEqual(
        expect.arrayContaining(['Post', 'NewPost', 'PostPatch', 'PostReplacement', 'PostPage', 'Author', 'Problem']),
      );
      expect(document.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
      const headerNames = (parameters: Parameter[]) =>
        parameters.map((parameter) => (parameter.$ref ? document.components.parameters[parameter.$ref.split('/').at(-1)!]! : parameter)).filter((p) => p.in === 'header').map((p) => p.name);
      const ids = new Set<string>();
      for (const item of Object.values(document.paths)) {
        for (const { operationId, parameters, responses } of Object.values(item)) {
          expect(operationId).toMatch(/^[a-z][A-Za-z]+$/);
          ids.add(operationId);
          // Conditional requests where they can be answered; the request id and D1's bookmark everywhere.
          const sent = headerNames(parameters);
          expect(sent).toEqual(expect.arrayContaining(['X-Request-Id', 'X-D1-Bookmark']));
          expect(sent.includes('If-None-Match')).toBe('304' in responses);
          expect(sent.includes('If-Match')).toBe('412' in responses);
          for (const [status, described] of Object.entries(responses)) {
            expect(described.headers).toHaveProperty('X-Request-Id');
            // A 429 is answered before the database is reached, so it has no bookmark.
            if (status !== '429') expect(described.headers).toHaveProperty('X-D1-Bookmark');
            if (status === '401') expect(described.headers).toHaveProperty('WWW-Authenticate');
            if (status === '304') expect(described.headers).toHaveProperty('ETag');
          }
        }
      }
      expect(ids.size).toBe(operations.length);
      const { get: list, post: create } = document.paths['/posts']!;
      expect([list!.operationId, create!.operationId]).toEqual(['listPosts', 'createPost']);
      expect(list!.security).toEqual([{}, { bearer: [] }]);
      expect(create!.security).toEqual([{ bearer: [] }]);
      expect(document.paths['/tags']!.get!.security).toEqual([]);
      expect(Object.keys(create!.responses['201']!.headers)).toEqual(expect.arrayContaining(['ETag', 'Location']));
      // The validation rules themselves are in the document, from the same zod schemas.
      expect(document.components.schemas.NewPost).toMatchObject({
        properties: { title: { minLength: 1, maxLength: 200 } },
        additionalProperties: false,
      });
    });

    test('GET /docs is Swagger UI loading only its own files, under a CSP that allows only this origin', async () => {
      const response = await api.get('/docs');
      expect(response.status).toBe(200);
      expect(response.headers.get('Content-Type')).toMatch(/^text\/html/);
      const policy = response.headers.get('Content-Security-Policy') ?? '';
      expect(policy).toMatch(/default-src 'none'; script-src 'self'; style-src 'self';/);
      expect(policy).not.toMatch(/unsafe-|https?:/);
      const html = await response.text();
      expect(html).not.toMatch(/https?:\/\//i);
      expect([...html.matchAll(/<script([^>]*)>/g)].map((tag) => tag[1]!.trim())).toEqual(['src="docs/swagger-ui-bundle.js"', 'src="docs/reference.js"']);
      // The page's own script is a file too (no inline script), and reads the document from this server.
      const script = await api.get('/docs/reference.js');
      expect(script.status).toBe(200);
      expect(script.headers.get('Content-Type')).toMatch(/^text\/javascript/);
      expect(await script.text()).toMatch(/SwaggerUIBundle\(\{[\s\S]*'openapi.json'[\s\S]*validatorUrl: null/);
      await expectProblem(await api.get('/docs/secrets.js'), 400, ['/file']);
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
