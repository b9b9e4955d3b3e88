import { whyNoRedis } from '@anywhere/contract/redis-server';
import { describeServerRateLimits } from '@anywhere/contract/server-rate-limits';
import { createRequire } from 'node:module';

// The Bun binary itself, not the node_modules/.bin shell shim.
const runtime = { name: 'bun', command: createRequire(import.meta.url).resolve('bun/bin/bun.exe') };
describeServerRateLimits({ adapter: 'bun', runtime, app: new URL('..', import.meta.url), noRedis: await whyNoRedis() });
