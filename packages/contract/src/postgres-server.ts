import { Client } from 'pg';

/**
 * The PostgreSQL server the tests may use: TEST_DATABASE_URL, a role that may
 * create databases. Each run gets fresh databases of its own, dropped after.
 */
export const testServerUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const describeUrl = (url: string) => {
  const safe = new URL(url);
  safe.password = '';
  return safe.href;
};

/** Why the server tests cannot run here, or undefined when they can; never throws. */
export async function postgresProblem(): Promise<string | undefined> {
  const client = new Client({ connectionString: testServerUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } catch (error) {
    return `no PostgreSQL server at ${describeUrl(testServerUrl)} (${(error as Error).message}); set TEST_DATABASE_URL`;
  } finally {
    await client.end().catch(() => {});
  }
}

/** CI sets it: there, no server is a failure, not a skip. */
export const postgresRequired = Boolean(process.env.ANYWHERE_REQUIRE_POSTGRES);

/** Why the server tests cannot run here, or undefined when they can. Throws instead where ANYWHERE_REQUIRE_POSTGRES is set. */
export async function whyNoPostgres(): Promise<string | undefined> {
  const reason = await postgresProblem();
  if (reason && postgresRequired) throw new Error(reason);
  return reason;
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A fresh database name; `createTestDatabase` makes one, `testDatabase` only names it (to create later). */
const newName = (label: string) => `anywhere_${label}_${crypto.randomUUID().replaceAll('-', '').slice(0, 12)}`;

async function onServer(statement: string) {
  const admin = new Client({ connectionString: testServerUrl });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

/** A database on the test server that does not exist yet: `create()` makes it, `drop()` removes it. */
export function testDatabase(label: string): TestDatabase & { create(): Promise<void> } {
  const name = newName(label);
  const url = new URL(testServerUrl);
  url.pathname = `/${name}`;
  return {
    url: url.href,
    create: () => onServer(`create database ${name}`),
    drop: () => onServer(`drop database if exists ${name} with (force)`),
  };
}

/** A new, empty database on the test server. */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const database = testDatabase(label);
  await database.create();
  return database;
}
