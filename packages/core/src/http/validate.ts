import { zValidator } from '@hono/zod-validator';
import type * as z from 'zod';
import type { AppConfig } from '../config.ts';
import { readWithin } from './body-deadline.ts';
import { ApiError, type FieldError } from './problem.ts';

type Target = 'json' | 'param' | 'query';

// A body that parsed but breaks the rules is 422; a bad URL is 400.
const failures = {
  json: { status: 422, detail: 'The request body is invalid.' },
  param: { status: 400, detail: 'The URL path is invalid.' },
  query: { status: 400, detail: 'The query string is invalid.' },
} as const;

/** zod validation whose failure is a problem response with one entry per bad field. */
export const validate = <T extends Target, S extends z.ZodType>(target: T, schema: S) =>
  zValidator(target, schema, (result) => {
    if (result.success) return;
    const { status, detail } = failures[target];
    throw new ApiError(status, detail, { errors: fieldErrors(result.error.issues) });
  });

const jsonMediaType = /^application\/(?:[\w.-]+\+)?json$/i;

/**
 * A JSON body validated by `schema`. Any other media type is a 415 and
 * unparseable JSON a 400, both before validation could misreport them as
 * missing fields.
 */
export function jsonBody<S extends z.ZodType>(schema: S) {
  const validator = validate('json', schema);
  const middleware: typeof validator = async (c, next) => {
    const mediaType = c.req.header('Content-Type')?.split(';')[0]?.trim() ?? '';
    if (!jsonMediaType.test(mediaType)) {
      throw new ApiError(415, `Send the body as application/json${mediaType ? `, not ${mediaType}` : ''}.`);
    }
    // Cached: the validator reads the same parse.
    const parsed = c.req.json().catch(() => {
      throw new ApiError(400, 'The body is not valid JSON.');
    });
    await readWithin(parsed, (c.var as { config?: AppConfig }).config?.requestTimeoutMs);
    return validator(c, next);
  };
  return middleware;
}

/** Paths are JSON Pointers (RFC 6901) into the validated part: `/title`, `/id`, `` for the whole. */
export function fieldErrors(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  return issues.flatMap((issue) => {
    const path = pointer(issue.path);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: `${path}/${escape(key)}`, message: 'Unknown field: not allowed here.' }));
    }
    return [{ path, message: issue.message }];
  });
}

const pointer = (path: readonly PropertyKey[]) => path.map((part) => `/${escape(String(part))}`).join('');
const escape = (part: string) => part.replaceAll('~', '~0').replaceAll('/', '~1');
