import { createApp, createLogger, loadAppConfig, type DatabaseAdapter } from '@anywhere/core';
import { describe, expect } from 'vitest';
import { unique } from '../fixtures.ts';
import { client, type Api } from '../http.ts';
import type { SuiteContext } from './context.ts';
import { badToken, callers, makeScene, routes, routeTable, tokenOf } from './route-table.ts';

/** Status, headers and body, less what differs on every request (its id), to compare two answers byte for byte. */
async function answer(response: Response) {
  const requestId = response.headers.get('X-Request-Id') ?? '';
  // Per request, whatever the email: the request id, D1's bookmark (the database's position, moved by every write
  // anywhere), and the Date, which a second boundary between two answers changes (seen once in CI).
  const headers = [...response.headers].filter(([name]) => !['x-request-id', 'x-d1-bookmark', 'date'].includes(name.toLowerCase()));
  return { status: response.status, headers, body: (await response.text()).replaceAll(requestId, '<request id>') };
}

/** What the API must never give away: a token in its logs, or whether an email is taken. */
export function describeDisclosure({ api, make, target, test }: SuiteContext) {
  describe('disclosure', () => {
    test('no token is ever logged: every route, with a good, a bad, a revoked and the admin token, at LOG_LEVEL=info', async () => {
      const lines: string[] = [];
      const sink = { out: (text: string) => void lines.push(text), err: (text: string) => void lines.push(text) };
      const app = createApp({
        database: target.database as DatabaseAdapter<object>,
        config: loadAppConfig({ ADMIN_TOKEN: target.adminToken, LOG_LEVEL: 'info' }),
        logger: createLogger('info', { sink }),
      });
      const logged = client(async (request) => app.fetch(request, target.env as object));
      const scene = await makeScene(make);
      const tokens = [scene.owner.token, badToken, scene.revoked, target.adminToken];
      for (const route of routes) {
        const { method, path, body } = routeTable[route].request(scene, scene.published);
        for (const token of tokens) {
          await logged.send(method, path, { body, token });
          // Malformed headers too: an error message must not quote what it refused.
          await logged.send(method, path, { body, headers: { Authorization: `Bearer ${token} trailing` } });
          await logged.send(method, path, { body, headers: { Authorization: `Basic ${token}` } });
        }
      }
      const output = lines.join('\n');
      expect(output).toContain('"event":"request"'); // the lines were captured at all
      for (const token of tokens) {
        expect(output).not.toContain(token);
        expect(output).not.toContain(token.slice(-43)); // a token's secret part alone
      }
    });

    test('POST /authors answers every caller but the admin the same for a taken email as for a fresh one', async () => {
      const taken = `${unique('taken')}@example.com`;
      expect((await api.post('/authors', { name: 'Taken', email: taken }, { token: target.adminToken })).status).toBe(201);
      const scene = await makeScene(make);
      const closed = client(target.withSettings({}));
      const senders: [string, Api, string | undefined][] = [
        ...callers.filter((caller) => caller !== 'admin').map((caller): [string, Api, string | undefined] => [caller, api, tokenOf(caller, scene, target.adminToken)]),
        ['anyone, with ADMIN_TOKEN unset', closed, target.adminToken],
      ];
      for (const [who, sender, token] of senders) {
        const create = (email: string) => sender.post('/authors', { name: 'Probe', email }, { token });
        const [forTaken, forFresh] = [await answer(await create(taken.toUpperCase())), await answer(await create(`${unique('fresh')}@example.com`))];
        expect({ who, refused: forTaken.status >= 400 }).toEqual({ who, refused: true });
        expect({ who, ...forTaken }).toEqual({ who, ...forFresh });
      }
    });

    test('POST /authors is the only operation that takes an email', async () => {
      const document = (await (await api.get('/openapi.json')).json()) as {
        paths: Record<string, Record<string, { parameters?: unknown; requestBody?: unknown }>>;
        components: { schemas: Record<string, unknown> };
      };
      // A schema takes an email if it has the field, or refers to one that does.
      const withEmail = new Set<string>();
      const mentions = (value: unknown) => {
        const json = JSON.stringify(value) ?? '';
        return json.includes('"email"') || [...withEmail].some((name) => json.includes(`"#/components/schemas/${name}"`));
      };
      for (let grown = true; grown; ) {
        const before = withEmail.size;
        for (const [name, schema] of Object.entries(document.components.schemas)) if (mentions(schema)) withEmail.add(name);
        grown = withEmail.size > before;
      }
      const takingEmail = Object.entries(document.paths).flatMap(([path, item]) =>
        Object.entries(item)
          .filter(([, operation]) => mentions({ parameters: operation.parameters, requestBody: operation.requestBody }))
          .map(([method]) => `${method.toUpperCase()} ${path}`),
      );
      expect(takingEmail).toEqual(['POST /authors']);
    });
  });
}
