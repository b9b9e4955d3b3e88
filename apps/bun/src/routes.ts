import { incomingOf, type RouteTable } from '@anywhere/core';
import type { BunRequest, Server } from 'bun';

type BunHandler = (request: BunRequest, server: Server<undefined>) => Response | Promise<Response>;

/**
 * The app's compiled routes as Bun.serve's own `routes`: Bun matches the path
 * and method natively (as a bare Bun server does) and hands the parameters
 * over, so no JavaScript router runs. What matches none (a 404, a 405, a CORS
 * preflight) goes to the app's fetch, whose Hono router knows the same routes.
 * Bun answers HEAD from a GET route itself.
 */
export function bunRoutes({ routes }: RouteTable): Record<string, Record<string, BunHandler>> {
  const table: Record<string, Record<string, BunHandler>> = {};
  for (const { method, path, serve } of routes) {
    (table[path] ??= {})[method] = (request, server) => serve(incomingOf(request, request.params, server));
  }
  return table;
}
