import type * as z from 'zod';
import { ApiError, type FieldError } from './problem.ts';

// A body that parsed but breaks the rules is 422; a bad URL is 400.
const failures: Record<string, { status: 400 | 422; detail: string }> = {
  json: { status: 422, detail: 'The request body is invalid.' },
  param: { status: 400, detail: 'The URL path is invalid.' },
  query: { status: 400, detail: 'The query string is invalid.' },
};

/** Every route's validation failure becomes a problem response with one entry per bad field. */
export function onInvalid(result: { target: string } & ({ success: true } | { success: false; error: z.ZodError })): void {
  if (result.success) return;
  const { status, detail } = failures[result.target] ?? { status: 400, detail: 'The request is invalid.' };
  throw new ApiError(status, detail, { errors: fieldErrors(result.error.issues) });
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
