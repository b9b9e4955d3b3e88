export { describeAdapterContract } from './adapter.ts';
export { describeApiContract, newPost } from './api.ts';
export { client, expectProblem } from './http.ts';
export type { AdapterTarget, ApiTarget, Capability } from './target.ts';
