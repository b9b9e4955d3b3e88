/** Who sent the request, from its bearer token. */
export type Caller =
  | { kind: 'anonymous' }
  | { kind: 'admin' }
  | { kind: 'author'; authorId: number; tokenSelector: string };

export type AuthorCaller = Extract<Caller, { kind: 'author' }>;

export const anonymous: Caller = { kind: 'anonymous' };
