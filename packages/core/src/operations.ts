import type { Operation } from './http/openapi.ts';
import { routes } from './routes.ts';

/** Every operation the API serves: each route's own, so none can go undocumented. */
export const operations: readonly Operation[] = routes.map((route) => route.operation);

type KeyOf<O> = O extends { method: infer M extends string; path: infer P extends string } ? `${Uppercase<M>} ${P}` : never;

/** `GET /posts/{id}`, one per operation: a table keyed by it must have a row for every route, or not typecheck. */
export type OperationKey = KeyOf<(typeof routes)[number]['operation']>;
