import type { TestProjectConfiguration } from 'vitest/config';

/**
 * Every Vitest project, in one list; the root vitest.config.ts reads it.
 * Bun's contract run is not here: Vitest cannot load bun:sqlite, so
 * `scripts/test.ts` runs the same suite under `bun test` beside this.
 */
export default [
  // The contract, in-process, on better-sqlite3.
  'apps/node/vitest.config.ts',
  // The contract inside workerd, on a real local D1.
  'apps/workers/vitest.config.ts',
  // The contract inside workerd, on PostgreSQL through a Hyperdrive binding.
  'apps/workers-postgres/vitest.config.ts',
  // The contract on PGlite and on a PostgreSQL server, in-process.
  'packages/postgres/vitest.config.ts',
  // Each app's real entry point as a process, over HTTP.
  {
    test: {
      name: 'entry-points',
      include: ['apps/*/test/*.e2e.ts'],
      // Real processes beside the rest of the run on two cores: a start alone has taken over 30 s.
      testTimeout: 120_000,
      hookTimeout: 120_000,
    },
  },
] satisfies TestProjectConfiguration[];
