// Compile-time proof that the two dialects' schemas infer the same rows:
// `pnpm typecheck` fails here the moment a column or its type drifts.
import type * as pg from './pg.ts';
import type * as sqlite from './sqlite.ts';

type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Row<T extends { $inferSelect: unknown }> = T['$inferSelect'];

export const sameRows: {
  authors: Same<Row<typeof sqlite.authors>, Row<typeof pg.authors>>;
  tokens: Same<Row<typeof sqlite.tokens>, Row<typeof pg.tokens>>;
  posts: Same<Row<typeof sqlite.posts>, Row<typeof pg.posts>>;
  postTags: Same<Row<typeof sqlite.postTags>, Row<typeof pg.postTags>>;
} = { authors: true, tokens: true, posts: true, postTags: true };
