import { eq, sql } from 'drizzle-orm';
import type { Database, SqliteDb } from '../database.ts';
import type { IssuedToken } from '../auth/tokens.ts';
import { authors, tokens } from '../schema/sqlite.ts';

export type AuthorRow = typeof authors.$inferSelect;

export const findAuthor = async (db: SqliteDb, id: number): Promise<AuthorRow | undefined> =>
  (await db.select().from(authors).where(eq(authors.id, id)))[0];

/** The author and their first token, together or not at all. */
export async function createAuthor(
  { db, atomically }: Database,
  input: { name: string; email: string },
  token: IssuedToken,
): Promise<AuthorRow> {
  const now = new Date();
  const [[author]] = await atomically([
    db.insert(authors).values({ ...input, createdAt: now }).returning(),
    // The token's statement finds the new author by its unique email.
    db.insert(tokens).select(
      db
        .select({
          id: sql<number>`null`.as('id'),
          authorId: authors.id,
          selector: sql<string>`${token.selector}`.as('selector'),
          verifierHash: sql<string>`${token.verifierHash}`.as('verifier_hash'),
          createdAt: sql<number>`${now.getTime()}`.as('created_at'),
          revokedAt: sql<null>`null`.as('revoked_at'),
        })
        .from(authors)
        .where(eq(authors.email, input.email)),
    ),
  ]);
  if (!author) throw new Error('INSERT … RETURNING returned no author');
  return author;
}
