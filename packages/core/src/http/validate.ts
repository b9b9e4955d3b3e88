import { getQueryParams } from 'hono/utils/url';
import type * as z from 'zod';
import { ApiError, type FieldError } from './problem.ts';

type Target = 'body' | 'params' | 'query';

// A body that parsed but breaks the rules is 422; a bad URL is 400.
const failures = {
  body: { status: 422, detail: 'The request body is invalid.' },
  params: { status: 400, detail: 'The URL path is invalid.' },
  query: { status: 400, detail: 'The query string is invalid.' },
} as const;

/**
 * A synchronous check of one part of a request against the zod schema its
 * operation documents: the parsed value, or a problem with one entry per bad
 * field. Made once per route.
 */
export function validator<S extends z.ZodType>(target: Target, schema: S): (value: unknown) => z.output<S> {
  const { status, detail } = failures[target];
  return (value) => {
    const result = schema.safeParse(value);
    if (!result.success) throw new ApiError(status, detail, { errors: fieldErrors(result.error.issues) });
    return result.data;
  };
}

/**
 * The path's parameters, checked field by field against the operation's
 * schema: the router hands over exactly the path's names, so the object check
 * around them (unknown keys) has nothing to find, and skipping it halves the
 * cost (measured on Bun: 0.4 µs against 0.8 µs).
 */
export function paramsValidator<S extends z.ZodObject>(schema: S): (params: Readonly<Record<string, string>>) => z.output<S> {
  const fields = Object.entries(schema.shape as Record<string, z.ZodType>);
  const { status, detail } = failures.params;
  return (params) => {
    const parsed: Record<string, unknown> = {};
    let issues: z.core.$ZodIssue[] | undefined;
    for (const [name, field] of fields) {
      const result = field.safeParse(params[name]);
      if (result.success) parsed[name] = result.data;
      else (issues ??= []).push(...result.error.issues.map((issue) => ({ ...issue, path: [name, ...issue.path] })));
    }
    if (issues) throw new ApiError(status, detail, { errors: fieldErrors(issues) });
    return parsed as z.output<S>;
  };
}

/** The query string as an object: a name sent once is a string, sent again an array (which no schema here accepts). */
export function queryOf(url: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [name, values] of Object.entries(getQueryParams(url) ?? {})) query[name] = values.length === 1 ? values[0]! : values;
  return query;
}

const jsonMediaType = /^application\/(?:[\w.-]+\+)?json$/i;

// Fatal: bytes that are not UTF-8 are refused, never replaced by U+FFFD and stored.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * A JSON body's checks, before and after it is read: any other media type is
 * a 415, and a body that is not UTF-8 or not JSON a 400, both before
 * validation could misreport them as missing fields.
 */
export function requireJson(request: Request): void {
  const mediaType = request.headers.get('Content-Type')?.split(';')[0]?.trim() ?? '';
  if (!jsonMediaType.test(mediaType)) {
    throw new ApiError(415, `Send the body as application/json${mediaType ? `, not ${mediaType}` : ''}.`);
  }
}

/** The body's bytes as JSON, decoded here because `Request.json()` silently replaces invalid UTF-8. */
export function parseJson(bytes: ArrayBuffer | Uint8Array): unknown {
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
