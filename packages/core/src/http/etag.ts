import { sha256Hex } from '../crypto.ts';

export const quoted = (tag: string) => `"${tag}"`;

const listedTags = /"[^"]*"/g;

/** If-None-Match (RFC 9110 §13.1.2) for a quoted `etag`: `*`, or any listed tag, weak or strong, equal to it. */
export const noneMatch = (header: string | null, etag: string): boolean =>
  header !== null && (header === '*' || (header.match(listedTags)?.includes(etag) ?? false));

/** If-Match with strong comparison (RFC 9110 §13.1.1): `*`, or one of the listed tags exactly. */
export function ifMatchAllows(header: string, tag: string): boolean {
  if (header.trim() === '*') return true;
  return header.split(',').some((candidate) => candidate.trim() === quoted(tag));
}

/** A version for a representation that stores none (an author, the OpenAPI document): its content's hash. */
export const contentTag = (content: string) => sha256Hex(content).slice(0, 32);
