import { whyNoRedis } from '@anywhere/contract/redis-server';
import { describeServerRateLimits } from '@anywhere/contract/server-rate-limits';

// The Node binary itself, not the node_modules/.bin shell shim.
describeServerRateLimits({ adapter: 'node', runtime: { name: 'node', command: process.execPath }, app: new URL('..', import.meta.url), noRedis: await whyNoRedis() });
