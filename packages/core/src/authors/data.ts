import { eq, sql } from 'drizzle-orm';
import type { IssuedToken } from '../auth/tokens.ts';
import type { Database, Schema } from '../database.ts';
import { preparedWrite } from '../prepared.ts';

export type AuthorRow = Schema['authors']['$inferSelect'];

export const findAuthor = async ({ db, schema: { authors } }: Database, id: number): Promise<AuthorRow | undefined> =>
  (await db.select().from(authors).where(eq(authors.id, id)))[0];

const insertAuthor = preparedWrite(({ db, schema: { authors } }, author: { name: string; email: string; at: Date }) =>
  db.insert(authors).values({ name: author.name, email: author.email, createdAt: author.at }).returning(),
);

/** The token's statement finds the new author by its unique email. */
const insertToken = preparedWrite(
  ({ db, schema: { authors, tokens } }, token: { email: string; selector: string; verifierHash: string; at: Date }) =>
    db.insert(tokens).select(
      db
        .select({
          // Each value encoded as its column stores it (a timestamp is an integer in SQLite).
          selector: sql<string>`${sql.param(token.selector, tokens.selector)}`.as('selector'),
          authorId: authors.id,
          verifierHash: sql<string>`${sql.param(token.verifierHash, tokens.verifierHash)}`.as('verifier_hash'),
          createdAt: sql<Date>`${sql.param(token.at, tokens.createdAt)}`.as('created_at'),
          revokedAt: sql<null>`null`.as('revoked_at'),
        })
        .from(authors)
        .where(eq(authors.email, token.email)),
    ),
);

/** The author and their first token, together or not at all. */
export async function createAuthor(database: Database, input: { name: string; email: string }, token: IssuedToken): Promise<AuthorRow> {
  const at = new Date();
  const { name, email } = input;
  const [[author]] = await database.atomically((db) => [
    insertAuthor(database, db, { name, email, at }),
    insertToken(database, db, { email, selector: token.selector, verifierHash: token.verifierHash, at }),
  ]);
  if (!author) throw new Error('INSERT … RETURNING returned no author');
  return author;
}
