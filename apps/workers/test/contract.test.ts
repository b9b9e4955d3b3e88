import { describeAdapterContract, describeApiContract } from '@anywhere/contract';
import { env, exports } from 'cloudflare:workers';
import { beforeAll } from 'vitest';
import { createD1Adapter } from '../src/database.ts';

// The migrations folder, applied to this run's local D1 before any test.
const database = createD1Adapter(env.TEST_MIGRATIONS);
beforeAll(() => database.migrate(env));

// Through the Worker's real default export, inside workerd.
describeApiContract({ adapter: 'd1', fetch: (request) => exports.default.fetch(request) });
describeAdapterContract({
  adapter: 'd1',
  database,
  env,
  unsupported: {
    'file-pragmas': 'D1 runs SQLite with its own journaling and durability settings, which a Worker cannot change',
  },
});
