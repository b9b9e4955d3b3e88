import type { Fixtures } from '../fixtures.ts';
import type { Api } from '../http.ts';
import type { matrix } from '../matrix.ts';
import type { ContractTarget } from '../target.ts';

/** What each part of the API contract gets: a client, fixtures and adapter-named tests. */
export interface SuiteContext extends ReturnType<typeof matrix> {
  api: Api;
  make: Fixtures;
  target: ContractTarget<unknown>;
}
