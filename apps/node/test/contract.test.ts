// Every request goes over HTTP through @hono/node-server, as in production.
import { describeSqliteDurability } from '@anywhere/contract/durability';
import { describeOnDiskContract, type Served } from '@anywhere/contract/in-process';
import { serve } from '@hono/node-server';
import { createBetterSqliteAdapter, openDatabase } from '../src/database.ts';
import { sha256Hex } from '../src/native.ts';

describeOnDiskContract('node', createBetterSqliteAdapter, {
  runtime: {
    serve: (app) =>
      new Promise<Served>((resolve) => {
        const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, ({ port }) =>
          resolve({ url: `http://127.0.0.1:${port}/`, stop: () => server.close() }),
        );
      }),
    options: { sha256Hex },
  },
});

describeSqliteDurability('node', (target) => openDatabase(target));
