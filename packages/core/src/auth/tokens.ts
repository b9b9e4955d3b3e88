import { randomBase64Url, sha256Hex } from '../crypto.ts';

/**
 * `aw_` + a 12-character selector (72 random bits, finds the row) + a
 * 43-character verifier (256 random bits, stored only as SHA-256). A leaked
 * database leaks no usable token, and a lookup by selector reveals nothing
 * about the verifier.
 */
const tokenPattern = /^aw_([A-Za-z0-9_-]{12})([A-Za-z0-9_-]{43})$/;

export interface IssuedToken {
  token: string;
  selector: string;
  verifierHash: string;
}

export function issueToken(): IssuedToken {
  const selector = randomBase64Url(9);
  const verifier = randomBase64Url(32);
  return { token: `aw_${selector}${verifier}`, selector, verifierHash: sha256Hex(verifier) };
}

export function parseToken(token: string): { selector: string; verifier: string } | undefined {
  const match = tokenPattern.exec(token);
  return match ? { selector: match[1]!, verifier: match[2]! } : undefined;
}

const bearerPattern = /^Bearer +(\S+)$/i;

/** The token of an `Authorization: Bearer <token>` header; undefined for any other header, or none. */
export const bearerToken = (header: string | undefined): string | undefined => (header === undefined ? undefined : bearerPattern.exec(header)?.[1]);
