import { createApp, loadAppConfig } from '@anywhere/core';
import { describeAdapterContract, describeApiContract, type ContractTarget } from '@anywhere/contract';
import { describeBookmarks } from '@anywhere/contract/bookmarks';
import { env, exports } from 'cloudflare:workers';
import { beforeAll } from 'vitest';
import { createD1Adapter, type D1Env } from '../src/database.ts';
import { cloudflarePeerAddress as peerAddress, createBindingLimiter } from '@anywhere/core/rate-limit';

// The migrations folder, applied to this run's local D1 before any test.
const database = createD1Adapter(env.TEST_MIGRATIONS);
beforeAll(() => database.migrate(env));

// Its failures are the point; their logs would only be noise.
const broken = createApp({ database: createD1Adapter(), config: loadAppConfig({ LOG_LEVEL: 'silent' }) });

// A binding enforces the rule it was configured with, not RATE_LIMIT: each rule
// the suite sets maps to a binding of vitest.config.ts with that rule.
const bindings: Record<string, RateLimit> = { '3/60s': env.LIMIT_3_PER_60S, '1/60s': env.LIMIT_1_PER_60S };
const bindingFor = (rule: string | undefined, fallback: RateLimit) => {
  if (rule === undefined || rule === 'off') return fallback;
  const binding = bindings[rule];
  if (!binding) throw new Error(`no Rate Limiting binding for ${rule} in vitest.config.ts`);
  return binding;
};

const target: ContractTarget<D1Env> = {
  adapter: 'd1',
  // Through the Worker's real default export, inside workerd.
  fetch: (request) => exports.default.fetch(request),
  adminToken: env.ADMIN_TOKEN!,
  withSettings: (settings) => {
    const config = loadAppConfig({ LOG_LEVEL: 'error', ...settings });
    const limiter = createBindingLimiter({
      address: bindingFor(settings.RATE_LIMIT, env.ADDRESS_RATE_LIMITER),
      token: bindingFor(settings.RATE_LIMIT_TOKEN, env.TOKEN_RATE_LIMITER),
    });
    const app = createApp({ database: createD1Adapter(), config, limiter, peerAddress });
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
