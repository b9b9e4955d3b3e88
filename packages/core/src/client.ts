import { hc } from 'hono/client';
import type { App } from './app.ts';

export interface ClientOptions {
  /** An author's token, or the admin token; sent as `Authorization: Bearer`. */
  token?: string;
  fetch?: typeof fetch;
}

/**
 * A typed client for the API (Hono RPC): routes, bodies and responses are
 * checked by the compiler, e.g. `await client.posts.$post({ json: { … } })`.
 */
export function createClient(baseUrl: string | URL, { token, fetch }: ClientOptions = {}) {
  return hc<App>(String(baseUrl), {
    headers: token === undefined ? {} : { Authorization: `Bearer ${token}` },
    ...(fetch ? { fetch } : {}),
  });
}

export type Client = ReturnType<typeof createClient>;
