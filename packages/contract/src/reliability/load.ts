/** What a load run saw: every answer by status, and each answer that must never happen. */
export interface Tally {
  requests: number;
  statuses: Record<number, number>;
  /** 5xx, a lock or busy error in any answer, an unexpected status, or no answer at all. */
  failures: string[];
}

export const newTally = (): Tally => ({ requests: 0, statuses: {}, failures: [] });

const lockError = /SQLITE_BUSY|SQLITE_LOCKED|database is locked|database table is locked/i;

/** Sends one request and records its answer; returns the parsed body of an expected answer. */
export async function send(tally: Tally, url: URL, init: RequestInit, expected: number): Promise<unknown> {
  const what = `${init.method ?? 'GET'} ${url.pathname}${url.search}`;
  tally.requests++;
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    tally.failures.push(`${what}: no answer (${(error as Error).cause ?? (error as Error).message})`);
    return undefined;
  }
  const text = await response.text();
  tally.statuses[response.status] = (tally.statuses[response.status] ?? 0) + 1;
  if (response.status >= 500 || lockError.test(text) || response.status !== expected) {
    tally.failures.push(`${what}: ${response.status} ${text.slice(0, 200)}`);
    return undefined;
  }
  return text ? JSON.parse(text) : undefined;
}

/** Runs `step` in `concurrency` loops until `ms` have passed or `until` says stop. */
export async function inLoops(concurrency: number, ms: number, step: (loop: number, i: number) => Promise<boolean | void>): Promise<void> {
  const end = Date.now() + ms;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, loop) => {
      for (let i = 0; Date.now() < end; i++) if ((await step(loop, i)) === false) return;
    }),
  );
}

export const json = (token: string, method: string, body: unknown): RequestInit => ({
  method,
  headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
});
