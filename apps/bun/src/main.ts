import { describeError } from '@anywhere/core';
import { serve } from './server.ts';

try {
  await serve({ argv: Bun.argv.slice(2), env: process.env });
} catch (error) {
  // A bad flag, variable or database: say so plainly and stop, no stack.
  console.error(describeError(error));
  process.exit(1);
}
