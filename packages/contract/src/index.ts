export { describeAdapterContract } from './adapter.ts';
export { describeApiContract } from './api/index.ts';
export { figure } from './figures.ts';
export { newPost, type PostBody } from './fixtures.ts';
export { client, expectProblem, remote } from './http.ts';
export { matrix } from './matrix.ts';
export type { Capability, ContractTarget, Fetch } from './target.ts';
