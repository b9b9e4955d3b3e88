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

/** Why the server tests cannot run here, or undefined when they can. CI sets ANYWHERE_REQUIRE_POSTGRES to make that a failure. */
export async function whyNoPostgres(): Promise<string | undefined> {
  const client = new Client({ connectionString: testServerUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } catch (error) {
    const reason = `no PostgreSQL server at ${describeUrl(testServerUrl)} (${(error as Error).message}); set TEST_DATABASE_URL`;
    if (process.env.ANYWHERE_REQUIRE_POSTGRES) throw new Error(reason, { cause: error });
    return reason;
  } finally {
    await client.end().catch(() => {});
  }
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A new, empty database on the test server. */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const name = `anywhere_${label}_${crypto.randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const admin = new Client({ connectionString: testServerUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(testServerUrl);
  url.pathname = `/${name}`;
  return {
    url: url.href,
    drop: async () => {
      const dropper = new Client({ connectionString: testServerUrl });
      await dropper.connect();
      try {
        await dropper.query(`drop database if exists ${name} with (force)`);
      } finally {
        await dropper.end();
      }
    },
  };
}
