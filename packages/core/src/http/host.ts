import { ApiError } from './problem.ts';

/**
 * Whether the runtime could not make an absolute URL of the request: Bun
 * gives the bare target ("/posts#frag") when the Host header is missing or is
 * no host ("a b"), and Hono's router cannot route that (it threw, a 500).
 * RFC 9112 3.2: such a request is answered 400.
 */
export const hostless = (request: Request): boolean => request.url.charCodeAt(0) === 47;

export const badHost = () => new ApiError(400, 'The Host header is missing or is not a host name.');
