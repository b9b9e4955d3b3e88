import type { TypedResponse } from 'hono';
import type { ToSchema } from 'hono/types';
import type { StatusCode } from 'hono/utils/http-status';
import type * as z from 'zod';
import type { AuthorCaller, Caller } from '../auth/caller.ts';
import type { AppConfig } from '../config.ts';
import type { Database } from '../database.ts';
import type { Logger } from '../log.ts';
import type { HonoPath, Operation } from './openapi.ts';

// A route is its operation (the OpenAPI description) and one handler. The
// request pass (pass.ts) derives everything else from the operation once, at
// start: method and path, the validators, the auth step, the body reader.
// The handler gets the request as the operation describes it, already
// validated, and answers with plain data that the pass turns into a response.

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

/** Who a handler acts for, by its operation's `auth`. */
export type CallerFor<A> = A extends 'author' ? AuthorCaller : A extends 'admin' ? { kind: 'admin' } : A extends 'optional' ? Caller : undefined;

/** What a handler gets: the parts of the request its operation names, valid. */
export interface RouteRequest<O extends Operation = Operation> {
  params: Parsed<O['params']>;
  query: Parsed<O['query']>;
  body: O['body'] extends { schema: infer S } ? Parsed<S> : undefined;
  caller: CallerFor<O['auth']>;
  database: Database;
  config: AppConfig;
  requestId: string;
  logger: Logger;
  /** A request header the handler reads itself (If-Match). */
  header(name: string): string | undefined;
}

/** A handler's answer. The pass adds the common headers, quotes the ETag and answers If-None-Match. */
export interface Reply<S extends number = number, T = unknown> {
  status: S;
  /** Sent as JSON; absent (and no `text`), the response has no body. */
  json?: T;
  /** Sent as it is, for what is not JSON (the /docs page); its Content-Type goes in `headers`. */
  text?: string;
  /** The representation's version, unquoted. */
  etag?: string;
  headers?: Record<string, string>;
}

/** A reply, with its status kept as a literal so the typed client knows it. */
export const reply = <S extends number, T = undefined>(status: S, json?: T, extras: Omit<Reply, 'status' | 'json' | 'text'> = {}): Reply<S, T> => ({
  status,
  json,
  ...extras,
});

/** Synchronous when it can be: a sync driver's read answers without a trip through the microtask queue. */
export type MaybePromise<T> = T | Promise<T>;

export interface Route<O extends Operation = Operation, R extends Reply = Reply> {
  readonly operation: O;
  // A method, so a table of routes of different operations is one array type.
  handle(request: RouteRequest<O>): MaybePromise<R>;
}

/** A route: the operation that documents it, and the handler that answers it. */
export const route = <const O extends Operation, R extends Reply>(operation: O, handle: (request: RouteRequest<O>) => MaybePromise<R>): Route<O, R> => ({
  operation,
  handle,
});

// What the typed client (hono/client) reads: each route's input and output, from the same operation.

type Maybe<K extends string, S> = S extends z.ZodType ? { [P in K]: z.input<S> } : unknown;
type InputOf<O extends Operation> = Maybe<'param', O['params']> & Maybe<'query', O['query']> & Maybe<'json', O['body'] extends { schema: infer S } ? S : undefined>;
type ResponseOf<R> = R extends Reply<infer S, infer T> ? TypedResponse<undefined extends T ? null : T, S & StatusCode, undefined extends T ? 'body' : 'json'> : never;
type SchemaOf<R> = R extends Route<infer O, infer Answer> ? ToSchema<O['method'], HonoPath<O['path']>, { in: InputOf<O>; out: InputOf<O> }, ResponseOf<Answer>> : never;
type Intersection<U> = (U extends unknown ? (value: U) => void : never) extends (value: infer I) => void ? I : never;

/** The Hono schema of a table of routes, for `hc<App>`. */
export type RoutesSchema<Routes extends readonly Route[]> = Intersection<SchemaOf<Routes[number]>>;
