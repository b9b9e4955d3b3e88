import { createApp, loadAppConfig } from '@anywhere/core';
import { describeAdapterContract, describeApiContract, type ContractTarget } from '@anywhere/contract';
import { env, exports } from 'cloudflare:workers';
import { beforeAll } from 'vitest';
import { createD1Adapter, type D1Env } from '../src/database.ts';

// The migrations folder, applied to this run's local D1 before any test.
const database = createD1Adapter(env.TEST_MIGRATIONS);
beforeAll(() => database.migrate(env));

// Its failures are the point; their logs would only be noise.
const broken = createApp({ database: createD1Adapter(), config: loadAppConfig({ LOG_LEVEL: 'silent' }) });

const target: ContractTarget<D1Env> = {
  adapter: 'd1',
  // Through the Worker's real default export, inside workerd.
  fetch: (request) => exports.default.fetch(request),
  adminToken: env.ADMIN_TOKEN!,
  withSettings: (settings) => {
    const app = createApp({ database: createD1Adapter(), config: loadAppConfig({ LOG_LEVEL: 'error', ...settings }) });
    return async (request) => app.fetch(request, env);
  },
  withoutSchema: async (request) => broken.fetch(request, { ...env, DB: env.UNMIGRATED_DB }),
  database,
  env,
  unsupported: {
    'file-pragmas': 'D1 runs SQLite with its own journaling and durability settings, which a Worker cannot change',
  },
};

describeApiContract(target);
describeAdapterContract(target);
