// Runs under `bun test`, on Bun's own Redis client.
import { createMemoryLimiter } from '@anywhere/core/rate-limit';
import { createRedisLimiter } from '@anywhere/server';
import { describeLimiterContract, describeMemoryBounds, describeRedisExpiry } from '@anywhere/contract/limiter';
import { testRedisUrl, whyNoRedis } from '@anywhere/contract/redis-server';
import { afterAll } from 'vitest';
import { connectRedis } from '../src/limiter.ts';

const noRedis = await whyNoRedis();
const redis = noRedis ? undefined : await connectRedis(testRedisUrl);
afterAll(() => redis?.close());
// This run's own keys, which expire with their buckets.
const prefix = `anywhere-test:${crypto.randomUUID()}:`;

describeLimiterContract({ adapter: 'bun', store: 'memory', create: () => createMemoryLimiter() });
describeMemoryBounds('bun', createMemoryLimiter);
describeLimiterContract({ adapter: 'bun', store: 'redis', create: () => createRedisLimiter(redis!, { prefix }), unavailable: noRedis });
describeRedisExpiry({ adapter: 'bun', redis: () => redis!, create: (own) => createRedisLimiter(redis!, { prefix: own }), unavailable: noRedis });
