import { getPath } from 'hono/utils/url';

/**
 * A request as the request pass sees it, whoever routed it: Hono (every
 * runtime) or a runtime's own router (Bun.serve's `routes`). The web Request
 * carries headers and body; the router has already found the path and its
 * parameters.
 */
export interface Incoming {
  readonly request: Request;
  /** As sent: HEAD is served by GET routes. */
  readonly method: string;
  /** The decoded path, for the log line and the 404/405 answer. */
  readonly path: string;
  /** The path's parameters, decoded. */
  readonly params: Readonly<Record<string, string>>;
  /** The runtime's bindings: a Worker's env, Bun's server, Node's { incoming, outgoing }. */
  readonly env: unknown;
}

/** The client's address as the runtime knows the connection; undefined when it does not. */
export type PeerAddress = (incoming: Incoming) => string | undefined;

/** The Incoming of a web Request that a runtime's own router matched (Bun.serve's `routes`). */
export const incomingOf = (request: Request, params: Readonly<Record<string, string>>, env: unknown): Incoming => ({
  request,
  method: request.method,
  // A bare target (no valid Host: host.ts) is its own path; getPath expects an absolute URL.
  path: request.url.charCodeAt(0) === 47 ? request.url.split(/[?#]/, 1)[0]! : getPath(request),
  params,
  env,
});
