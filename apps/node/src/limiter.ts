import type { PeerAddress } from '@anywhere/core';
import type { Limiter } from '@anywhere/core/rate-limit';
import { createRedisLimiter, type RedisEval, type ServerConfig } from '@anywhere/server';
import type { HttpBindings } from '@hono/node-server';

/** The address at the other end of the socket: @hono/node-server hands the Node request to fetch as the env. */
export const peerAddress: PeerAddress = ({ env }) => (env as HttpBindings).incoming.socket.remoteAddress;

/** Redis when RATE_LIMIT_REDIS_URL is set, so every process shares one count; otherwise undefined: each counts in memory. */
export async function createLimiter({ rateLimitRedis }: Pick<ServerConfig, 'rateLimitRedis'>): Promise<Limiter | undefined> {
  return rateLimitRedis && createRedisLimiter(await connectRedis(rateLimitRedis.url), { prefix: rateLimitRedis.prefix });
}

/** node-redis, reconnecting for as long as the process runs. */
export async function connectRedis(url: string): Promise<RedisEval & { close(): Promise<void> }> {
  // Loaded only when configured: a server without Redis never pays for the client.
  const { createClient } = await import('redis');
  const client = createClient({
    url,
    // Disconnected, a command fails at once (and the request passes) instead of waiting in a queue.
    disableOfflineQueue: true,
    socket: { connectTimeout: 2000, reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2000) },
  });
  // The rate limit middleware logs an outage once; node-redis would throw on an unheard 'error' event.
  client.on('error', () => {});
  // Serving starts connected when Redis answers, and without it after 2 s when it does not.
  await Promise.race([client.connect().catch(() => {}), new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
  return {
    eval: (script, keys, args) => client.sendCommand(['EVAL', script, String(keys.length), ...keys, ...args]),
    close: async () => void (await client.close()),
  };
}
