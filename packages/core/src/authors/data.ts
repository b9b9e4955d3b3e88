import { eq, sql } from 'drizzle-orm';
import type { IssuedToken } from '../auth/tokens.ts';
import type { Database, Schema } from '../database.ts';

export type AuthorRow = Schema['authors']['$inferSelect'];

export const findAuthor = async ({ db, schema: { authors } }: Database, id: number): Promise<AuthorRow | undefined> =>
  (await db.select().from(authors).where(eq(authors.id, id)))[0];

/** The author and their first token, together or not at all. */
export async function createAuthor(
  { atomically, schema: { authors, tokens } }: Database,
  input: { name: string; email: string },
  token: IssuedToken,
): Promise<AuthorRow> {
  const now = new Date();
  const [[author]] = await atomically((db) => [
    db.insert(authors).values({ ...input, createdAt: now }).returning(),
    // The token's statement finds the new author by its unique email.
    db.insert(tokens).select(
      db
        .select({
          // Each value encoded as its column stores it (a timestamp is an integer in SQLite).
          selector: sql<string>`${sql.param(token.selector, tokens.selector)}`.as('selector'),
          authorId: authors.id,
          verifierHash: sql<string>`${sql.param(token.verifierHash, tokens.verifierHash)}`.as('verifier_hash'),
          createdAt: sql<Date>`${sql.param(now, tokens.createdAt)}`.as('created_at'),
          revokedAt: sql<null>`null`.as('revoked_at'),
        })
        .from(authors)
        .where(eq(authors.email, input.email)),
    ),
  ]);
  if (!author) throw new Error('INSERT … RETURNING returned no author');
  return author;
}
