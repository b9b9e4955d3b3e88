import { describeInProcessContract } from '@anywhere/contract/in-process';
import { createTestDatabase, whyNoPostgres } from '@anywhere/contract/postgres-server';
import { createPostgresAdapter } from '../src/server.ts';

describeInProcessContract(
  'postgres',
  async () => {
    const [main, spare] = [await createTestDatabase('contract'), await createTestDatabase('empty')];
    const [database, empty] = [createPostgresAdapter(main.url), createPostgresAdapter(spare.url)];
    return {
      database,
      empty,
      close: async () => {
        await Promise.all([database.close(), empty.close()]);
        await Promise.all([main.drop(), spare.drop()]);
      },
    };
  },
  {
    unsupported: { 'file-pragmas': 'SQLite pragmas; Postgres has no such settings to check' },
    unavailable: await whyNoPostgres(),
  },
);
