import { hc } from 'hono/client';
import type { App } from './app.ts';
import { bookmarkHeader } from './http/bookmark.ts';

export interface ClientOptions {
  /** An author's token, or the admin token; sent as `Authorization: Bearer`. */
  token?: string;
  fetch?: typeof fetch;
}

/**
 * A typed client for the API (Hono RPC): routes, bodies and responses are
 * checked by the compiler, e.g. `await client.posts.$post({ json: { … } })`.
 *
 * It keeps the newest X-D1-Bookmark the API has answered with and sends it
 * on every later request, so what it reads is never older than what it wrote
 * (read-your-writes across D1's read replicas). Bookmarks are fixed-width hex,
 * so the newest of two is the greater string; responses that arrive out of
 * order never move it back.
 */
export function createClient(baseUrl: string | URL, { token, fetch: send = fetch }: ClientOptions = {}) {
  let bookmark: string | undefined;
  const remember = (response: Response) => {
    const received = response.headers.get(bookmarkHeader);
    if (received !== null && (bookmark === undefined || received > bookmark)) bookmark = received;
    return response;
  };
  // Object.assign keeps whatever else the runtime's fetch carries (Bun's has preconnect).
  const remembering = Object.assign((...args: Parameters<typeof fetch>) => send(...args).then(remember), send);
  return hc<App>(String(baseUrl), {
    headers: () => ({
      ...(token === undefined ? {} : { Authorization: `Bearer ${token}` }),
      ...(bookmark === undefined ? {} : { [bookmarkHeader]: bookmark }),
    }),
    fetch: remembering,
  });
}

export type Client = ReturnType<typeof createClient>;
