// Runs under `bun test` (Vitest cannot load bun:sqlite); the suite's `vitest` imports map to bun:test.
// Every request goes over HTTP through Bun.serve, its own router and the app's Bun responses, as in production.
import { describeSqliteDurability } from '@anywhere/contract/durability';
import { describeOnDiskContract } from '@anywhere/contract/in-process';
import { createBunSqliteAdapter, openDatabase } from '../src/database.ts';
import * as native from '../src/native.ts';
import { bunRoutes } from '../src/routes.ts';

describeOnDiskContract('bun', createBunSqliteAdapter, {
  runtime: {
    serve: (app) => Bun.serve({ port: 0, hostname: '127.0.0.1', routes: bunRoutes(app.table), fetch: app.fetch }),
    options: { ...native },
  },
});

describeSqliteDurability('bun', (target) => openDatabase(target));
