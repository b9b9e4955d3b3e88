import type { ResponseMaker } from '@anywhere/core';

// What Bun does natively faster than core's portable code: the app takes both as options.

/**
 * Bun copies a ready Headers object into a response faster than it reads the
 * same headers from an object (measured: about 2 µs of a 20 µs GET), so the
 * headers every response carries are made into one Headers once.
 */
export const responses: ResponseMaker = (common) => {
  const headers = new Headers(common);
  return (body, status, own) => {
    const response = new Response(body, { status, headers });
    for (const name in own) response.headers.set(name, own[name]!);
    return response;
  };
};

/** SHA-256 in native code: 1.2 µs against 4.5 µs in JavaScript, on every authenticated request. */
export const sha256Hex = (text: string): string => new Bun.CryptoHasher('sha256').update(text).digest('hex');
