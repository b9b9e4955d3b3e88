import { describeError } from '@anywhere/server';
import { checkHealth, isHealthCheck } from './health-check.ts';
import { serve } from './server.ts';

const argv = Bun.argv.slice(2);
try {
  if (isHealthCheck(argv)) process.exit(await checkHealth(process.env));
  await serve({ argv, env: process.env });
} catch (error) {
  // A bad flag, variable or database: say so plainly and stop, no stack.
  console.error(describeError(error));
  process.exit(1);
}
