import { describeAdapterContract, describeApiContract, matrix, type ContractTarget } from '@anywhere/contract';
import { contractLimiter } from '@anywhere/contract/workers';
import { createApp, loadAppConfig } from '@anywhere/core';
import { cloudflarePeerAddress as peerAddress } from '@anywhere/core/rate-limit';
import { env, exports } from 'cloudflare:workers';
import { createExecutionContext } from 'cloudflare:test';
import { afterAll, beforeAll } from 'vitest';
import { createHyperdriveAdapter, servedPerRequest, withClient, type HyperdriveEnv } from '../src/database.ts';

/** The app configured from `settings`, on its own connections, as the Worker serves it. */
const serve = (settings: Record<string, string>, hyperdrive: Hyperdrive = env.HYPERDRIVE) => {
  const config = loadAppConfig({ LOG_LEVEL: 'error', ...settings });
  const app = servedPerRequest<HyperdriveEnv>(createApp({ database: createHyperdriveAdapter(), config, limiter: contractLimiter(env, settings), peerAddress }));
  return async (request: Request) => app.fetch(request, { ...env, HYPERDRIVE: hyperdrive }, createExecutionContext());
};

const unsupported = {
  'file-pragmas': 'SQLite pragmas; Postgres has no such settings to check',
  'short-rate-limit-periods': "Cloudflare's Rate Limiting binding counts in periods of 10 or 60 seconds only",
};

if (env.POSTGRES_UNAVAILABLE) {
  if (env.POSTGRES_REQUIRED) throw new Error(`ANYWHERE_REQUIRE_POSTGRES is set, but ${env.POSTGRES_UNAVAILABLE}`);
  // One skipped test that says why, instead of a suite that vanishes.
  matrix({ adapter: 'hyperdrive' }).testUnless(env.POSTGRES_UNAVAILABLE, 'the whole contract', () => {});
} else {
  // The migrations folder, applied to this run's database before any test; the
  // suite's direct queries (below HTTP) run on a connection of their own.
  const database = createHyperdriveAdapter(env.TEST_MIGRATIONS);
  const direct = withClient(env);
  beforeAll(() => database.migrate(direct));
  afterAll(() => direct.end());

  const target: ContractTarget<HyperdriveEnv> = {
    adapter: 'hyperdrive',
    // Through the Worker's real default export, inside workerd.
    fetch: (request) => exports.default.fetch(request),
    adminToken: env.ADMIN_TOKEN!,
    withSettings: (settings) => serve(settings),
    // Its failures are the point; their logs would only be noise.
    withoutSchema: serve({ LOG_LEVEL: 'silent' }, env.UNMIGRATED_HYPERDRIVE),
    database,
    env: direct,
    unsupported,
  };

  describeApiContract(target);
  describeAdapterContract(target);
}
