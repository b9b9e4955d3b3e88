import { and, eq, isNull, sql } from 'drizzle-orm';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../app-env.ts';
import { constantTimeEqual, sha256Hex } from '../crypto.ts';
import { ApiError } from '../http/problem.ts';
import { perDatabase, prepare } from '../prepared.ts';
import { anonymous, type AuthorCaller, type Caller } from './caller.ts';
import { bearerToken, parseToken } from './tokens.ts';

// Each route says what it needs: `optionalCaller` (who is asking, if anyone),
// `requireAuthor` or `requireAdmin`. Routes with none ignore Authorization.

const realm = 'Bearer realm="anywhere"';

/** RFC 6750: a 401 names the scheme, and says `invalid_token` when a token was sent but is no good. */
const unauthorized = (detail: string, invalidToken = false) =>
  new ApiError(401, detail, {
    headers: { 'WWW-Authenticate': invalidToken ? `${realm}, error="invalid_token"` : realm },
  });

const adminHashes = new Map<string, string>();
const adminHash = (token: string) => {
  let hash = adminHashes.get(token);
  if (!hash) adminHashes.set(token, (hash = sha256Hex(token)));
  return hash;
};

const liveToken = perDatabase((database) => {
  const { db, schema: { tokens } } = database;
  const query = db
    .select({ authorId: tokens.authorId, verifierHash: tokens.verifierHash })
    .from(tokens)
    .where(and(eq(tokens.selector, sql.placeholder('selector')), isNull(tokens.revokedAt)));
  return prepare(database, query, 'live_token');
});

/** Who sent the request. No header is anonymous; a header that names no live token is a 401. */
async function callerOf(c: { req: { header(name: string): string | undefined }; var: AppEnv['Variables'] }): Promise<Caller> {
  const header = c.req.header('Authorization');
  if (header === undefined) return anonymous;
  const token = bearerToken(header);
  if (!token) throw unauthorized('Send the token as `Authorization: Bearer <token>`.', true);

  const parts = parseToken(token);
  if (parts) {
    const [row] = await liveToken(c.var.database).execute({ selector: parts.selector });
    if (row && constantTimeEqual(sha256Hex(parts.verifier), row.verifierHash)) {
      return { kind: 'author', authorId: row.authorId, tokenSelector: parts.selector };
    }
  }
  const { adminToken } = c.var.config;
  if (adminToken !== undefined && constantTimeEqual(sha256Hex(token), adminHash(adminToken))) {
    return { kind: 'admin' };
  }
  throw unauthorized('The token is not valid, or has been revoked.', true);
}

/** Routes that read differently for an author (their own drafts). */
export const optionalCaller = createMiddleware<AppEnv & { Variables: { caller: Caller } }>(async (c, next) => {
  c.set('caller', await callerOf(c));
  await next();
});

/** Routes that act as an author: the author is whoever the token belongs to. */
export const requireAuthor = createMiddleware<AppEnv & { Variables: { author: AuthorCaller } }>(async (c, next) => {
  const caller = await callerOf(c);
  if (caller.kind === 'anonymous') throw unauthorized('This route needs an author token: `Authorization: Bearer <token>`.');
  if (caller.kind === 'admin') throw new ApiError(403, "The admin token manages authors; it is not one. Use an author's token.");
  c.set('author', caller);
  await next();
});

/** Routes for the operator. Without ADMIN_TOKEN configured they are closed, whatever is sent. */
export const requireAdmin = createMiddleware<AppEnv>(async (c, next) => {
  if (c.var.config.adminToken === undefined) {
    throw new ApiError(503, 'Admin routes are disabled: set ADMIN_TOKEN (a Workers secret on Cloudflare) to enable them.');
  }
  const caller = await callerOf(c);
  if (caller.kind === 'anonymous') throw unauthorized('This route needs the admin token: `Authorization: Bearer <token>`.');
  if (caller.kind !== 'admin') throw new ApiError(403, 'Only the admin token may do this.');
  await next();
});
