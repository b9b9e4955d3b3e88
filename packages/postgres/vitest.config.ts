import { defineProject } from 'vitest/config';

export default defineProject({
  // The contract on PGlite in-process, and on a PostgreSQL server when one answers.
  test: { name: 'postgres', include: ['test/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 60_000 },
});
