import type { SessionWatch } from './d1-session.ts';

// D1 refuses what local D1 (plain SQLite under miniflare) runs, so a query
// that would fail on Cloudflare passes every local test. With D1_LIMITS=strict
// (the tests set it) the adapter refuses it here too, in D1's own terms.
// https://developers.cloudflare.com/d1/platform/limits/

export const d1Limits = {
  /** Bound parameters in one statement. */
  boundParameters: 100,
  /** One statement's SQL text, in bytes. */
  statementBytes: 100_000,
  /** One string or BLOB (a row is at most this too), in bytes. */
  valueBytes: 1_000_000,
  /** Queries in one Worker invocation on the Free plan (1,000 on Paid): here, one request's session. */
  queriesPerRequest: 50,
} as const;

const utf8 = new TextEncoder();

function refuse(limit: keyof typeof d1Limits, actual: number): never {
  throw new Error(`D1 limit exceeded (D1_LIMITS=strict): ${limit} is ${d1Limits[limit]}, this needs ${actual}`);
}

function checkValues(values: unknown[]) {
  if (values.length > d1Limits.boundParameters) refuse('boundParameters', values.length);
  for (const value of values) {
    const bytes = typeof value === 'string' ? utf8.encode(value).length : value instanceof ArrayBuffer || ArrayBuffer.isView(value) ? value.byteLength : 0;
    if (bytes > d1Limits.valueBytes) refuse('valueBytes', bytes);
  }
}

/** Refuses, before D1 sees them, statements past D1's limits; one per request, as it counts its queries. */
export function d1LimitsWatch(): SessionWatch {
  let queries = 0;
  return {
    prepared(query) {
      const bytes = utf8.encode(query).length;
      if (bytes > d1Limits.statementBytes) refuse('statementBytes', bytes);
    },
    bound: checkValues,
    running(statements) {
      queries += statements;
      if (queries > d1Limits.queriesPerRequest) refuse('queriesPerRequest', queries);
    },
  };
}
