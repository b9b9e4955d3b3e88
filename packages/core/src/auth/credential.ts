import { bearerToken, parseToken } from './tokens.ts';

/**
 * The bearer token a request carries, read once for both the rate limit and
 * the auth check. Hashing is the costly part (SHA-256 is about 5 µs in
 * JavaScript), so each hash is made once per request, on first use.
 */
export interface Credential {
  readonly token: string;
  /** For an `aw_` token, the selector that finds its row. */
  readonly selector: string | undefined;
  /** SHA-256 of an `aw_` token's verifier (what the row stores), else of the whole token (the admin token). */
  hash(): string;
}

/** No Authorization header: undefined. A header that is not `Bearer <token>`: null. */
export function credentialOf(header: string | null, sha256Hex: (text: string) => string): Credential | null | undefined {
  if (header === null) return undefined;
  const token = bearerToken(header);
  if (token === undefined) return null;
  const parts = parseToken(token);
  let hash: string | undefined;
  return {
    token,
    selector: parts?.selector,
    hash: () => (hash ??= sha256Hex(parts ? parts.verifier : token)),
  };
}

/**
 * The rate limit bucket of a token: never the token itself, so no store key
 * and no log line holds a usable one. An `aw_` token's is its selector and a
 * prefix of its verifier's hash (a forged token with someone's selector gets
 * a bucket of its own); any other token's is a prefix of its hash.
 */
export const bucketOf = ({ selector, hash }: Credential): string => (selector ? `${selector}.${hash().slice(0, 20)}` : hash().slice(0, 32));
