import { describe, expect } from 'vitest';
import { expectProblem, expectUnauthorized } from '../http.ts';
import type { SuiteContext } from './context.ts';
import { callers, makeScene, routes, routeTable, servedRoutes, tokenOf, type Caller, type Route } from './route-table.ts';

/** Every route × every kind of caller, from the one table in route-table.ts. */
export function describeAuthMatrix({ api, make, target, test }: SuiteContext) {
  const check = (route: Route, caller: Caller, draft: boolean, status: number) =>
    test(`${route}${draft ? ' on a draft' : ''} as ${caller} answers ${status}`, async () => {
      const scene = await makeScene(make);
      const postId = draft ? scene.draft : scene.published;
      const { method, path, body } = routeTable[route].request(scene, postId);
      const token = tokenOf(caller, scene, target.adminToken);
      const response = await api.send(method, path, { body, token });
      if (status === 401) await expectUnauthorized(response, { tokenSent: token !== undefined });
      else if (status === 404) {
        // A draft someone else asks for is answered exactly as a post that never existed.
        const problem = await expectProblem(response, 404);
        expect(problem.detail).toBe(`Post ${postId} does not exist.`);
        expect(response.headers.get('ETag')).toBeNull();
      } else if (status >= 400) await expectProblem(response, status);
      else expect({ status: response.status, body: response.status === status ? '' : await response.text() }).toEqual({ status, body: '' });
    });

  describe('auth matrix', () => {
    test('the table has a row for every route the app serves, and none it does not', async () => {
      expect(routes.toSorted()).toEqual((await servedRoutes(api)).toSorted());
    });

    for (const route of routes) {
      const { expected, onDraft } = routeTable[route];
      for (const caller of callers) check(route, caller, false, expected[caller]);
      if (onDraft) for (const caller of callers) check(route, caller, true, onDraft[caller]);
    }
  });
}
