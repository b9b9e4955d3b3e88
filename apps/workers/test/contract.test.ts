import { createApp, loadAppConfig } from '@anywhere/core';
import { describeAdapterContract, describeApiContract, type ContractTarget } from '@anywhere/contract';
import { describeBookmarks } from '@anywhere/contract/bookmarks';
import { env, exports } from 'cloudflare:workers';
import { beforeAll } from 'vitest';
import { createD1Adapter, type D1Env } from '../src/database.ts';
import { contractLimiter } from '@anywhere/contract/workers';
import { cloudflarePeerAddress as peerAddress } from '@anywhere/core/rate-limit';

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
    const config = loadAppConfig({ LOG_LEVEL: 'error', ...settings });
    const app = createApp({ database: createD1Adapter(), config, limiter: contractLimiter(env, settings), peerAddress });
    return async (request) => app.fetch(request, env);
  },
  withoutSchema: async (request) => broken.fetch(request, { ...env, DB: env.UNMIGRATED_DB }),
  database,
  env,
  unsupported: {
    'file-pragmas': 'D1 runs SQLite with its own journaling and durability settings, which a Worker cannot change',
    'short-rate-limit-periods': "Cloudflare's Rate Limiting binding counts in periods of 10 or 60 seconds only",
  },
};

describeApiContract(target);
describeAdapterContract(target);
describeBookmarks(target);
