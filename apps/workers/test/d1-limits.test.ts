import { matrix } from '@anywhere/contract';
import { sql } from 'drizzle-orm';
import { env } from 'cloudflare:workers';
import { describe, expect } from 'vitest';
import { d1Limits } from '../src/d1-limits.ts';
import { createD1Adapter } from '../src/database.ts';

const { test } = matrix({ adapter: 'd1' });
// What the contract's requests run on: the adapter with D1_LIMITS=strict (vitest.config.ts).
const connect = () => createD1Adapter().connect(env);
/** Why `query` failed, with the cause Drizzle wraps; '' if it did not. */
const failure = async (query: () => unknown) =>
  Promise.resolve()
    .then(query)
    .then(
    () => '',
    (error: Error) => `${error.message} ${(error.cause as Error | undefined)?.message ?? ''}`,
  );
const values = (count: number) => sql.join(Array.from({ length: count }, (_, i) => sql`${i}`), sql`, `);

describe('D1 limits, enforced where local D1 would not', () => {
  test('a statement may bind 100 parameters; 101 are refused, as D1 refuses them', async () => {
    const { db } = connect();
    expect(await db.values(sql`select ${values(d1Limits.boundParameters)}`)).toEqual([Array.from({ length: 100 }, (_, i) => i)]);
    expect(await failure(() => db.values(sql`select ${values(d1Limits.boundParameters + 1)}`))).toMatch(/boundParameters is 100, this needs 101/);
  });

  test('a statement of more than 100,000 bytes is refused', async () => {
    const { db } = connect();
    const padding = ' '.repeat(d1Limits.statementBytes);
    expect(await failure(() => db.values(sql.raw(`select 1${padding}`)))).toMatch(/statementBytes is 100000/);
  });

  test('a value of more than 1,000,000 bytes is refused', async () => {
    const { db } = connect();
    expect(await failure(() => db.values(sql`select length(${'é'.repeat(d1Limits.valueBytes / 2 + 1)})`))).toMatch(/valueBytes is 1000000/);
  });

  test('one request runs at most 50 queries, a batch counting each of its statements', async () => {
    const { db, atomically } = connect();
    for (let i = 0; i < d1Limits.queriesPerRequest - 2; i++) await db.values(sql`select 1`);
    // Two more in one batch: 50, the limit.
    const constant = (tx: typeof db, n: number) => tx.select({ n: sql<number>`${sql.raw(String(n))}` }).from(sql`(select 1)`);
    expect(await atomically((tx) => [constant(tx, 1), constant(tx, 2)])).toEqual([[{ n: 1 }], [{ n: 2 }]]);
    expect(await failure(() => db.values(sql`select 1`))).toMatch(/queriesPerRequest is 50, this needs 51/);
    // The next request starts again from none.
    expect(await connect().db.values(sql`select 1`)).toEqual([[1]]);
  });
});
