import { authorOperations } from './authors/routes.ts';
import { healthOperations } from './health/routes.ts';
import { postOperations } from './posts/routes.ts';
import { tagOperations } from './tags/routes.ts';
import { tokenOperations } from './tokens/routes.ts';

/** Every operation the API serves; the app refuses to start if a route is missing from it (docs/routes.ts). */
export const operations = [...healthOperations, ...authorOperations, ...tokenOperations, ...postOperations, ...tagOperations];

type KeyOf<O> = O extends { method: infer M extends string; path: infer P extends string } ? `${Uppercase<M>} ${P}` : never;

/** `GET /posts/{id}`, one per operation: a table keyed by it must have a row for every route, or not typecheck. */
export type OperationKey = KeyOf<(typeof operations)[number]>;
