import { callerOf, adminRoutesClosed, requireAdmin, requireAuthor } from '../auth/authenticate.ts';
import type { Caller } from '../auth/caller.ts';
import { credentialOf, type Credential } from '../auth/credential.ts';
import type { AppConfig } from '../config.ts';
import { sha256Hex as portableSha256Hex } from '../crypto.ts';
import type { Database, DatabaseAdapter } from '../database.ts';
import type { Logger } from '../log.ts';
import type { Limiter } from '../rate-limit/limiter.ts';
import { declaresBody, readBody as portableReadBody, refuseDeclaredOver, type BodyReader } from './body-limit.ts';
import { createBodySteps, type BodyExchange } from './body-steps.ts';
import { ClientClosed } from './client-closed.ts';
import { createCors } from './cors.ts';
import { failureReply, noRoute } from './errors.ts';
import { badHost, hostless } from './host.ts';
import type { Incoming, PeerAddress } from './incoming.ts';
import { honoPath } from './openapi.ts';
import { createRateLimit } from './rate-limit.ts';
import { requestIdFor } from './request-id.ts';
import { createResponder, plainResponses, type ResponseMaker } from './respond.ts';
import type { MaybePromise, Reply, Route, RouteRequest } from './route.ts';
import { paramsValidator, queryOf, validator } from './validate.ts';

// The one request pass (DESIGN.md): every concern (request id, rate limit,
// body limit, database, auth, validation, headers, log line) is its own small
// module, and each route's list of steps is put together once, at start, from
// its operation. A request runs that list in a loop, synchronously until a
// step has to wait, so a read on a synchronous driver is answered in one go.

export interface PassOptions {
  config: AppConfig;
  logger: Logger;
  limiter: Limiter;
  peerAddress: PeerAddress | undefined;
  // oxlint-disable-next-line typescript/no-explicit-any -- whatever bindings the runtime has
  database: DatabaseAdapter<any>;
  /** How this runtime makes a response cheapest; plain objects of headers unless given. */
  responses?: ResponseMaker | undefined;
  /** SHA-256 as hex, for tokens: the runtime's own where it has a synchronous one. */
  sha256Hex?: ((text: string) => string) | undefined;
  /** Reads a body: the runtime's own where its request object reads faster (Node), the web stream unless given. */
  readBody?: BodyReader | undefined;
}

/** A route ready for a router: Hono's, or a runtime's own (Bun.serve's `routes`). */
export interface CompiledRoute {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Router syntax: /posts/:id. */
  path: string;
  serve(incoming: Incoming): MaybePromise<Response>;
}

/** One request on its way through: what its handler gets, and what the pass keeps beside it. */
interface Exchange extends Omit<RouteRequest, 'params' | 'query' | 'body' | 'caller'>, BodyExchange {
  params: unknown;
  query: unknown;
  caller: unknown;
  credential: Credential | null | undefined;
}

type Step = (exchange: Exchange) => MaybePromise<void>;

function runSteps(steps: readonly Step[], exchange: Exchange, from: number): MaybePromise<void> {
  for (let i = from; i < steps.length; i++) {
    const waiting = steps[i]!(exchange);
    if (waiting instanceof Promise) return waiting.then(() => runSteps(steps, exchange, i + 1));
  }
}

const withBody = new Set(['POST', 'PUT', 'PATCH']);
const writes = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const closing = (reply: Reply): Reply => ({ ...reply, headers: { ...reply.headers, Connection: 'close' } });

export function createRequestPass({ config, logger, limiter, peerAddress, database: adapter, responses = plainResponses, sha256Hex = portableSha256Hex, readBody = portableReadBody }: PassOptions) {
  const limit = createRateLimit({ limiter, rules: config.rateLimits, trustProxy: config.trustProxy, peerAddress, logger });
  const cors = config.cors && createCors(config.cors);
  const respond = createResponder(responses, cors);
  // A server process owns its connections; on Workers the platform does (and bounds the body).
  const closesUnread = config.requestTimeoutMs !== undefined;

  const exchangeFor = (incoming: Incoming): Exchange => {
    const { headers } = incoming.request;
    return {
      incoming,
      started: performance.now(),
      bodyRead: false,
      requestId: requestIdFor(headers.get('X-Request-Id')),
      credential: credentialOf(headers.get('Authorization'), sha256Hex),
      config,
      logger,
      database: undefined as unknown as Database,
      params: undefined,
      query: undefined,
      body: undefined,
      caller: undefined,
      header: (name) => headers.get(name) ?? undefined,
    };
  };

  /** What every request gets, whatever answers it: an id, errors as problems, the common headers, one log line. */
  const around = (incoming: Incoming, answer: (exchange: Exchange) => MaybePromise<Reply>): MaybePromise<Response> => {
    const exchange = exchangeFor(incoming);
    const durationMs = () => Math.round((performance.now() - exchange.started) * 100) / 100;
    const finish = (reply: Reply) => {
      const response = respond(exchange, closesUnread && !exchange.bodyRead && declaresBody(incoming.request) ? closing(reply) : reply);
      logger.request({ method: incoming.method, path: incoming.path, status: response.status, durationMs: durationMs(), requestId: exchange.requestId });
      return response;
    };
    const fail = (error: unknown) => {
      if (!(error instanceof ClientClosed)) return finish(failureReply(error, incoming, exchange.requestId, logger));
      // Nobody is left to read an answer: one info line instead of the request line, and a response the runtime drops.
      const { method, path } = incoming;
      logger.info('client closed the connection', { requestId: exchange.requestId, method, path, bodyBytes: error.bodyBytes, durationMs: durationMs() });
      return respond(exchange, closing({ status: 400 }));
    };
    if (hostless(incoming.request)) return fail(badHost());
    let reply: MaybePromise<Reply>;
    try {
      reply = answer(exchange);
    } catch (error) {
      return fail(error);
    }
    return reply instanceof Promise ? reply.then(finish, fail) : finish(reply);
  };

  /** The caller the token names, as `check` accepts it (or refuses it), synchronously where the driver is. */
  const identify = (exchange: Exchange, check: (caller: Caller) => unknown): MaybePromise<void> => {
    const caller = callerOf(exchange.credential, exchange.database, config);
    if (caller instanceof Promise) return caller.then((known) => void (exchange.caller = check(known)));
    exchange.caller = check(caller);
  };

  const bodies = createBodySteps({ read: readBody, limitBytes: config.bodyLimitBytes, deadlineMs: config.requestTimeoutMs });

  const steps = {
    limit: ((exchange) => limit(exchange.incoming, exchange.credential)) satisfies Step,
    bodyLimit: (({ incoming }) => refuseDeclaredOver(incoming.request, config.bodyLimitBytes)) satisfies Step,
    connect: ((exchange) => {
      exchange.database = adapter.connect(exchange.incoming.env, { header: exchange.header });
    }) satisfies Step,
    caller: ((exchange) => identify(exchange, (caller) => caller)) satisfies Step,
    author: ((exchange) => identify(exchange, requireAuthor)) satisfies Step,
    admin: ((exchange) => {
      if (config.adminToken === undefined) throw adminRoutesClosed();
      return identify(exchange, requireAdmin);
    }) satisfies Step,
  };

  /** A route's steps, in the order its checks answer: a required token before the URL, an optional one after it. */
  function stepsOf({ operation }: Route): Step[] {
    const { auth, params, query, body, unlimited, method } = operation;
    const list: Step[] = [];
    if (!unlimited) list.push(steps.limit);
    if (withBody.has(method.toUpperCase())) list.push(steps.bodyLimit);
    list.push(steps.connect);
    if (auth === 'author' || auth === 'admin') list.push(steps[auth]);
    if (params) {
      const valid = paramsValidator(params);
      list.push((exchange) => void (exchange.params = valid(exchange.incoming.params)));
    }
    if (query) {
      const valid = validator('query', query);
      list.push((exchange) => void (exchange.query = valid(queryOf(exchange.incoming.request.url))));
    }
    if (auth === 'optional') list.push(steps.caller);
    if (body) list.push(bodies.json(body.schema));
    else if (writes.has(method.toUpperCase())) list.push(bodies.wait);
    return list;
  }

  return {
    /** A route, compiled: its steps, then its handler, inside what every request gets. */
    compile(route: Route): CompiledRoute {
      const list = stepsOf(route);
      const run = (exchange: Exchange): MaybePromise<Reply> => {
        const ready = runSteps(list, exchange, 0);
        return ready instanceof Promise ? ready.then(() => route.handle(exchange as RouteRequest)) : route.handle(exchange as RouteRequest);
      };
      const { method, path } = route.operation;
      // A read waits for the turn's other reads and runs with them, where the driver gains by it (read-group.ts).
      const { groupRead } = adapter;
      const answer = method === 'get' && groupRead ? (exchange: Exchange) => groupRead(() => run(exchange)) : run;
      return { method: method.toUpperCase() as CompiledRoute['method'], path: honoPath(path), serve: (incoming) => around(incoming, answer) };
    },

    /**
     * What answers when no route matched: a CORS preflight, else a 405 (with
     * Allow) for a path that has other methods, else a 404, rate limited as
     * any request is, except on the paths that never are (health checks).
     */
    fallback(allowedOn: (path: string) => { methods: readonly string[]; unlimited: boolean } | undefined) {
      return (incoming: Incoming) =>
        around(incoming, (exchange) => {
          const preflight = cors && cors.preflight(incoming.request);
          if (preflight) return { status: 204, headers: preflight };
          const known = allowedOn(incoming.path);
          const refuse = () => {
            throw noRoute(incoming, known?.methods);
          };
          // Connected as a route would be, so the answer carries what the database adds (D1's bookmark).
          const connectAndRefuse = () => {
            steps.connect(exchange);
            return refuse();
          };
          if (known?.unlimited) return connectAndRefuse();
          const waiting = limit(incoming, exchange.credential);
          return waiting instanceof Promise ? waiting.then(connectAndRefuse) : connectAndRefuse();
        });
    },
  };
}
