import type { ServerConfig } from '@anywhere/server';
import type { ServerOptions } from 'node:http';

/**
 * node:http's limits for clients that send slowly or not at all. Node checks
 * them every `connectionsCheckingInterval` (30 s by default, longer than the
 * limits themselves), so the check runs at least twice per headers timeout.
 * requestTimeout covers headers and body together; the app's own body
 * deadline (REQUEST_TIMEOUT_MS, a 408 problem) fires first, this backs it up.
 */
export const slowClientLimits = ({ headersTimeoutMs, requestTimeoutMs }: ServerConfig): ServerOptions => ({
  headersTimeout: headersTimeoutMs,
  requestTimeout: headersTimeoutMs + requestTimeoutMs,
  connectionsCheckingInterval: Math.min(1000, Math.ceil(headersTimeoutMs / 2)),
});
