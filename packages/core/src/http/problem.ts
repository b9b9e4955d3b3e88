import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** One field that failed validation: `path` is dotted from the validated part (`title`, `id`). */
export interface FieldError {
  path: string;
  message: string;
}

/** RFC 9457 problem details: the one shape of every error this API returns. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
}

const titles: Record<number, string> = {
  400: 'Bad Request',
  404: 'Not Found',
  405: 'Method Not Allowed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  500: 'Internal Server Error',
};

/** Thrown anywhere below a route; the app's error handler turns it into a problem response. */
export class ApiError extends Error {
  readonly status: ContentfulStatusCode;
  readonly errors: FieldError[] | undefined;

  constructor(status: ContentfulStatusCode, detail: string, errors?: FieldError[]) {
    super(detail);
    this.name = 'ApiError';
    this.status = status;
    this.errors = errors;
  }
}

export function problemResponse(
  c: Context,
  status: ContentfulStatusCode,
  detail: string,
  errors?: FieldError[],
  headers?: Record<string, string>,
): Response {
  // `about:blank`: the status code carries the meaning; `detail` says what to fix.
  const problem: Problem = { type: 'about:blank', title: titles[status] ?? 'Error', status, detail };
  if (errors) problem.errors = errors;
  return c.body(JSON.stringify(problem), status, { ...headers, 'Content-Type': 'application/problem+json' });
}
