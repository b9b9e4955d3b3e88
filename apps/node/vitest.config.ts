import { defineProject } from 'vitest/config';

export default defineProject({
  // The copy test moves a database through a child process: give it time.
  test: { name: 'node', include: ['test/**/*.test.ts'], testTimeout: 60_000 },
});
