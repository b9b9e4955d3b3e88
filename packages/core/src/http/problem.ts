import type { ContentfulStatusCode } from 'hono/utils/http-status';
import * as z from 'zod';
import type { Reply } from './route.ts';

export const fieldErrorSchema = z
  .object({
    path: z.string().meta({ description: 'JSON Pointer (RFC 6901) into the part that failed: /title, /id, /limit.' }),
    message: z.string(),
  })
  .meta({ id: 'FieldError' });
export type FieldError = z.output<typeof fieldErrorSchema>;

/** RFC 9457 problem details: the one shape of every error this API returns. */
export const problemSchema = z
  .object({
    type: z.string().meta({ description: '`about:blank`: the status code carries the meaning.' }),
    title: z.string().meta({ example: 'Unprocessable Content' }),
    status: z.int().meta({ example: 422 }),
    detail: z.string().meta({ example: 'The request body is invalid.' }),
    requestId: z.string().meta({ description: 'Also in the X-Request-Id header; quote it when reporting a problem.' }),
    errors: z.array(fieldErrorSchema).optional().meta({ description: 'One entry per invalid field.' }),
  })
  .meta({ id: 'Problem' });
export type Problem = z.output<typeof problemSchema>;

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Thrown anywhere below a route; the app's error handler turns it into a problem response. */
export class ApiError extends Error {
  readonly status: ContentfulStatusCode;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string>;

  constructor(
    status: ContentfulStatusCode,
    detail: string,
    { errors, headers = {} }: { errors?: FieldError[]; headers?: Record<string, string> } = {},
  ) {
    super(detail);
    this.name = 'ApiError';
    this.status = status;
    this.errors = errors;
    this.headers = headers;
  }
}

/** The reply for a problem: JSON in the problem media type, quoting the request's id. */
export function problemReply(
  requestId: string,
  status: ContentfulStatusCode,
  detail: string,
  { errors, headers }: { errors?: FieldError[] | undefined; headers?: Record<string, string> } = {},
): Reply<ContentfulStatusCode, Problem> {
  const problem: Problem = { type: 'about:blank', title: titles[status] ?? 'Error', status, detail, requestId };
  if (errors) problem.errors = errors;
  return { status, json: problem, headers: { ...headers, 'Content-Type': 'application/problem+json' } };
}
