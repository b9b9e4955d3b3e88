import type * as z from 'zod';
import { readWithin } from './body-deadline.ts';
import { declaresBody, type BodyReader } from './body-limit.ts';
import type { Incoming } from './incoming.ts';
import { parseJson, requireJson, validator } from './validate.ts';

/** What the body steps read and set on a request on its way through the pass. */
export interface BodyExchange {
  incoming: Incoming;
  /** performance.now() when the request reached the pass: its headers had all arrived. */
  started: number;
  /** Whether its body was read to the end: one that was not closes the connection. */
  bodyRead: boolean;
  body: unknown;
}

export interface BodyStepsOptions {
  read: BodyReader;
  limitBytes: number;
  deadlineMs: number | undefined;
}

/** A route's body steps, made once at start: the JSON body it takes, or the wait for one it does not. */
export function createBodySteps({ read, limitBytes, deadlineMs }: BodyStepsOptions) {
  /** The body, all of it, within the deadline; only then is the request acted on. */
  const whole = async (exchange: BodyExchange) => {
    const bytes = await readWithin(read(exchange.incoming, limitBytes), deadlineMs, performance.now() - exchange.started);
    exchange.bodyRead = true;
    return bytes;
  };
  return {
    /** The route's JSON body, read whole, decoded and validated. */
    json(schema: z.ZodType) {
      const valid = validator('body', schema);
      return async (exchange: BodyExchange) => {
        requireJson(exchange.incoming.request);
        exchange.body = valid(parseJson(await whole(exchange)));
      };
    },
    /**
     * A write that takes no body still waits for one that was sent: a request
     * the runtime refuses mid-body (a bad chunk) must not be acted on, though
     * its client only ever sees the refusal.
     */
    wait: (exchange: BodyExchange) => (declaresBody(exchange.incoming.request) ? whole(exchange).then(() => {}) : undefined),
  };
}
