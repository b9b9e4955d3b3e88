import { and, eq, isNull, sql } from 'drizzle-orm';
import type { AppConfig } from '../config.ts';
import { constantTimeEqual, sha256Hex } from '../crypto.ts';
import type { Database } from '../database.ts';
import { ApiError } from '../http/problem.ts';
import type { MaybePromise } from '../http/route.ts';
import { perDatabase, preparedRows } from '../prepared.ts';
import { anonymous, type AuthorCaller, type Caller } from './caller.ts';
import type { Credential } from './credential.ts';

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

// Every request asks the database, so a token revoked by any process is refused by every other on its next request.
const liveToken = perDatabase((database) => {
  const { db, schema: { tokens } } = database;
  const selection = { authorId: tokens.authorId, verifierHash: tokens.verifierHash };
  const query = db.select(selection).from(tokens).where(and(eq(tokens.selector, sql.placeholder('selector')), isNull(tokens.revokedAt)));
  return preparedRows<{ authorId: number; verifierHash: string }>(database, query, 'live_token', selection);
});

/** Who sent the request. No header is anonymous; a header that names no live token is a 401. */
export function callerOf(credential: Credential | null | undefined, database: Database, config: AppConfig): MaybePromise<Caller> {
  if (credential === undefined) return anonymous;
  if (credential === null) throw unauthorized('Send the token as `Authorization: Bearer <token>`.', true);
  const { selector } = credential;
  if (selector === undefined) return asAdmin(credential, config);
  const rows = liveToken(database)({ selector });
  return rows instanceof Promise ? rows.then((found) => matching(found, credential, selector, config)) : matching(rows, credential, selector, config);
}

function matching([row]: { authorId: number; verifierHash: string }[], credential: Credential, selector: string, config: AppConfig): Caller {
  if (row && constantTimeEqual(credential.hash(), row.verifierHash)) return { kind: 'author', authorId: row.authorId, tokenSelector: selector };
  return asAdmin(credential, config);
}

function asAdmin(credential: Credential, { adminToken }: AppConfig): Caller {
  if (adminToken !== undefined) {
    // An aw_ token that matched no row was hashed as a verifier: the admin check hashes the whole token.
    const hash = credential.selector === undefined ? credential.hash() : sha256Hex(credential.token);
    if (constantTimeEqual(hash, adminHash(adminToken))) return { kind: 'admin' };
  }
  throw unauthorized('The token is not valid, or has been revoked.', true);
}

/** An author's request: the author is whoever the token belongs to. */
export function requireAuthor(caller: Caller): AuthorCaller {
  if (caller.kind === 'anonymous') throw unauthorized('This route needs an author token: `Authorization: Bearer <token>`.');
  if (caller.kind === 'admin') throw new ApiError(403, "The admin token manages authors; it is not one. Use an author's token.");
  return caller;
}

/** The operator's request. Without ADMIN_TOKEN configured, admin routes are closed whatever is sent (checked first). */
export function requireAdmin(caller: Caller): { kind: 'admin' } {
  if (caller.kind === 'anonymous') throw unauthorized('This route needs the admin token: `Authorization: Bearer <token>`.');
  if (caller.kind !== 'admin') throw new ApiError(403, 'Only the admin token may do this.');
  return caller;
}

export const adminRoutesClosed = () =>
  new ApiError(503, 'Admin routes are disabled: set ADMIN_TOKEN (a Workers secret on Cloudflare) to enable them.');
