// In-process, no sockets: what a write request costs through app.fetch, every
// safeguard on (request id, rate limit counting, auth, validation, body
// limit; logs silenced), with one transaction per write against group commit
// flushed at different moments. Run by requests-bun.ts and requests-node.ts.
import { createApp, loadAppConfig, type AppOptions, type Database, type DatabaseAdapter, type Db } from '@anywhere/core';
import { createGroupCommit, type SyncConnection } from '@anywhere/core/group-commit';
import { schema } from '@anywhere/core';

/** A fresh copy of a migrated file, opened on the runtime's driver. */
export interface Opened {
  db: Db;
  client: SyncConnection;
  close(): void;
}

export type Flush = 'per write' | 'next turn' | 'microtask' | 'timer';
export interface Variant {
  name: string;
  flush: Flush;
  maxSize?: number;
  /** Writes prepared once (preparedWrite on a synchronous Database), or built by Drizzle per call as before. */
  prepared: boolean;
}

export const variants: Variant[] = [
  { name: 'before: a transaction per write, SQL built per call', flush: 'per write', prepared: false },
  { name: 'group commit, SQL built per call', flush: 'next turn', maxSize: 64, prepared: false },
  { name: 'group commit, writes prepared once (now)', flush: 'next turn', maxSize: 64, prepared: true },
  { name: 'group commit, cap 16', flush: 'next turn', maxSize: 16, prepared: true },
  { name: 'group commit, cap 256', flush: 'next turn', maxSize: 256, prepared: true },
  { name: 'group commit, flushed at a microtask', flush: 'microtask', maxSize: 64, prepared: true },
  { name: 'group commit, flushed by a timer (setTimeout 0)', flush: 'timer', maxSize: 64, prepared: true },
];

const nextTurns: Record<Exclude<Flush, 'per write'>, (flush: () => void) => unknown> = {
  'next turn': setImmediate,
  microtask: queueMicrotask,
  timer: (flush) => setTimeout(flush, 0),
};

interface SyncRunnable {
  prepare(): { execute(): { sync(): unknown } };
}

/** The Database a variant runs on, counting its transactions. */
export function databaseFor({ db, client }: Opened, { flush, maxSize, prepared }: Variant, counted: { commits: number; writes: number }): Database {
  const runAll = (build: (db: Db) => readonly unknown[]) => build(db).map((statement) => (statement as SyncRunnable).prepare().execute().sync());
  if (flush === 'per write') {
    return {
      dialect: 'sqlite',
      db,
      schema,
      synchronous: prepared,
      atomically: async (build) => {
        counted.commits++;
        counted.writes++;
        return db.transaction(() => runAll(build), { behavior: 'immediate' }) as never;
      },
    };
  }
  const counting: SyncConnection = {
    prepare: (sql) => {
      const statement = client.prepare(sql);
      return sql === 'COMMIT' ? { run: () => (counted.commits++, statement.run()) } : statement;
    },
    get inTransaction() {
      return client.inTransaction;
    },
  };
  const group = createGroupCommit(counting, { nextTurn: nextTurns[flush], maxSize });
  return {
    dialect: 'sqlite',
    db,
    schema,
    synchronous: prepared,
    atomically: (build) => {
      counted.writes++;
      return group.run(() => runAll(build)) as never;
    },
  };
}

export const adminToken = 'a'.repeat(40);
/** A JSON request as `token` sends it; in-process unless `origin` names a server. */
export const json = (method: string, path: string, token: string, body?: unknown, origin = 'http://measure.test') =>
  new Request(new URL(path, origin), {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });

/**
 * `total` requests made by `make`, `concurrency` in flight at a time:
 * microseconds per request of wall time, and of this process's CPU time
 * (user + system), which other processes on a shared machine disturb far less.
 */
async function run(fetch: (request: Request) => Response | Promise<Response>, make: (i: number) => Request, total: number, concurrency: number) {
  let next = 0;
  const loop = async () => {
    while (next < total) {
      const response = await fetch(make(next++));
      if (response.status >= 300) throw new Error(`${response.status}: ${await response.text()}`);
      await response.arrayBuffer();
    }
  };
  const [started, cpu] = [performance.now(), process.cpuUsage()];
  await Promise.all(Array.from({ length: concurrency }, loop));
  const used = process.cpuUsage(cpu);
  return { wallUs: ((performance.now() - started) / total) * 1000, cpuUs: (used.user + used.system) / total };
}

export interface Measured {
  variant: string;
  endpoint: string;
  concurrency: number;
  wallUs: number;
  cpuUs: number;
  writesPerCommit: number;
}

/** One variant, one endpoint, on a fresh file. */
export async function measure(
  open: () => Opened,
  options: Pick<AppOptions<object>, 'sha256Hex' | 'responses'>,
  variant: Variant,
  endpoint: 'POST /posts' | 'PATCH /posts/:id',
  concurrency: number,
  total = 20_000,
): Promise<Measured> {
  const opened = open();
  const counted = { commits: 0, writes: 0 };
  const database = databaseFor(opened, variant, counted);
  const adapter: DatabaseAdapter = { name: variant.name, connect: () => database, migrate: async () => {}, close: async () => opened.close() };
  const config = loadAppConfig({ LOG_LEVEL: 'silent', ADMIN_TOKEN: adminToken, RATE_LIMIT: '100000000/1m', RATE_LIMIT_TOKEN: '100000000/1m' });
  const app = createApp({ database: adapter, config, ...options });
  const author = (await (await app.fetch(json('POST', '/authors', adminToken, { name: 'Measured', email: `${crypto.randomUUID()}@example.com` }))).json()) as { token: string };
  const post = { title: 'Benchmarked', body: 'Written under load.', status: 'published', tags: ['bench', 'load'] };
  const ids: number[] = [];
  for (let i = 0; i < 200; i++) ids.push(((await (await app.fetch(json('POST', '/posts', author.token, post))).json()) as { id: number }).id);
  const make =
    endpoint === 'POST /posts'
      ? () => json('POST', '/posts', author.token, post)
      : (i: number) => json('PATCH', `/posts/${ids[i % ids.length]}`, author.token, { title: `Retitled ${i}` });
  // Warm up (JIT, statement caches), then measure.
  await run(app.fetch, make, total / 5, concurrency);
  counted.commits = counted.writes = 0;
  const { wallUs, cpuUs } = await run(app.fetch, make, total, concurrency);
  const writesPerCommit = counted.writes / counted.commits;
  await adapter.close();
  return { variant: variant.name, endpoint, concurrency, wallUs, cpuUs, writesPerCommit };
}

/** Every variant in turn, `rounds` times interleaved; the median of each. */
export async function measureAll(open: () => Opened, options: Pick<AppOptions<object>, 'sha256Hex' | 'responses'>, chosen = variants, rounds = 3) {
  const cases = chosen.flatMap((variant) =>
    (['POST /posts', 'PATCH /posts/:id'] as const).flatMap((endpoint) => [16, 1].map((concurrency) => ({ variant, endpoint, concurrency }))),
  );
  const samples = new Map<string, Measured[]>();
  for (let round = 0; round < rounds; round++) {
    for (const { variant, endpoint, concurrency } of cases) {
      // A timer per lone write waits a millisecond or more: fewer of those.
      const total = variant.flush === 'timer' && concurrency === 1 ? 2_000 : 20_000;
      const measured = await measure(open, options, variant, endpoint, concurrency, total);
      const key = `${variant.name}|${endpoint}|${concurrency}`;
      samples.set(key, [...(samples.get(key) ?? []), measured]);
    }
  }
  return [...samples.values()].map((list) => {
    const sorted = list.toSorted((a, b) => a.cpuUs - b.cpuUs);
    return sorted[Math.floor(sorted.length / 2)]!;
  });
}

export function print(runtime: string, results: Measured[]) {
  console.log(`| ${runtime} | endpoint | in flight | CPU µs/request | wall µs/request | writes per COMMIT |`);
  console.log('| --- | --- | ---: | ---: | ---: | ---: |');
  for (const { variant, endpoint, concurrency, wallUs, cpuUs, writesPerCommit } of results) {
    console.log(`| ${variant} | ${endpoint} | ${concurrency} | ${cpuUs.toFixed(1)} | ${wallUs.toFixed(1)} | ${writesPerCommit.toFixed(1)} |`);
  }
}

/** Measures the variants whose names start with one of `names` (all when none), on `SQLITE_SYNCHRONOUS`'s level, and prints them. */
export async function measureChosen(runtime: string, open: (synchronous: 'normal' | 'full') => Opened, options: Pick<AppOptions<object>, 'sha256Hex' | 'responses'>, names: string[]) {
  const synchronous = process.env.SQLITE_SYNCHRONOUS === 'full' ? 'full' : 'normal';
  const chosen = names.length ? variants.filter((variant) => names.some((name) => variant.name.startsWith(name))) : variants;
  print(runtime, await measureAll(() => open(synchronous), options, chosen));
}
