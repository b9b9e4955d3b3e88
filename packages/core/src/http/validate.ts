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

// Fatal: bytes that are not UTF-8 are refused, never replaced by U+FFFD and stored.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * A JSON body validated by `schema`. Any other media type is a 415, and a
 * body that is not UTF-8 or not JSON a 400, both before validation could
 * misreport them as missing fields. The body is read as bytes and decoded
 * here, because `Request.json()` silently replaces invalid UTF-8.
 */
export function jsonBody<S extends z.ZodType>(schema: S) {
  const middleware: ReturnType<typeof validate<'json', S>> = async (c, next) => {
    const mediaType = c.req.header('Content-Type')?.split(';')[0]?.trim() ?? '';
    if (!jsonMediaType.test(mediaType)) {
      throw new ApiError(415, `Send the body as application/json${mediaType ? `, not ${mediaType}` : ''}.`);
    }
    const value = parseJson(await readWithin(c.req.arrayBuffer(), (c.var as { config?: AppConfig }).config?.requestTimeoutMs));
    const result = await schema.safeParseAsync(value);
    if (!result.success) throw new ApiError(422, failures.json.detail, { errors: fieldErrors(result.error.issues) });
    c.req.addValidatedData('json', result.data as object);
    await next();
  };
  return middleware;
}

function parseJson(bytes: ArrayBuffer): unknown {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new ApiError(400, 'The body is not valid UTF-8.');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, 'The body is not valid JSON.');
  }
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
