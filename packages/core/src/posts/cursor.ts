import { ApiError } from '../http/problem.ts';

/** Where a page ended: the last post's (createdAt, id), the key the list is sorted by. */
export interface Position {
  createdAt: number;
  id: number;
}

// Opaque to clients: base64url of a small JSON tuple.
export const encodeCursor = ({ createdAt, id }: Position) =>
  btoa(JSON.stringify([createdAt, id])).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');

export function decodeCursor(cursor: string): Position {
  try {
    const value: unknown = JSON.parse(atob(cursor.replaceAll('-', '+').replaceAll('_', '/')));
    if (Array.isArray(value) && value.length === 2 && value.every(Number.isSafeInteger)) {
      const [createdAt, id] = value as [number, number];
      if (createdAt >= 0 && id > 0) return { createdAt, id };
    }
  } catch {
    // Falls through to the 400 below.
  }
  throw new ApiError(400, 'The query string is invalid.', {
    errors: [{ path: '/cursor', message: 'Is not a cursor this API issued: pass nextCursor back unchanged.' }],
  });
}
