import { defineConfig } from 'vitest/config';
import projects from './vitest.workspace.ts';

export default defineConfig({
  test: {
    projects,
    // Most test files wait on servers and subprocesses, not the CPU: run three at once even on 2 cores.
    maxWorkers: 3,
  },
});
