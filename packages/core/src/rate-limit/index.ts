export { allowed, gcra, parseRule, type Bucket, type Decision, type Limiter, type Rule } from './limiter.ts';
export { createMemoryLimiter, type MemoryLimiterOptions } from './memory.ts';
export { cloudflarePeerAddress, createBindingLimiter, type RateLimitBinding } from './cloudflare.ts';
