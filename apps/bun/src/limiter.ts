import type { PeerAddress } from '@anywhere/core';
import type { Limiter } from '@anywhere/core/rate-limit';
import { createRedisLimiter, type RedisEval, type ServerConfig } from '@anywhere/server';
import { RedisClient, type Server } from 'bun';

/** The address at the other end of the socket: Bun.serve hands its server to fetch as the env. */
export const peerAddress: PeerAddress = ({ request, env }) => (env as Server<undefined>).requestIP(request)?.address;

/** Redis when RATE_LIMIT_REDIS_URL is set, so every process shares one count; otherwise undefined: each counts in memory. */
export async function createLimiter({ rateLimitRedis }: Pick<ServerConfig, 'rateLimitRedis'>): Promise<Limiter | undefined> {
  return rateLimitRedis && createRedisLimiter(await connectRedis(rateLimitRedis.url), { prefix: rateLimitRedis.prefix });
}

/** Bun's own Redis client. */
export async function connectRedis(url: string): Promise<RedisEval & { close(): void }> {
  // Disconnected, a command fails at once (and the request passes) instead of waiting in a queue.
  const client = new RedisClient(url, { enableOfflineQueue: false, connectionTimeout: 2000 });
  // Bun stops reconnecting once its retries are spent: a command that finds it down starts one attempt.
  let connecting: Promise<void> | undefined;
  const reconnect = () => {
    connecting ??= client.connect().finally(() => (connecting = undefined));
    connecting.catch(() => {});
  };
  // Serving starts connected when Redis answers, and without it once the attempt fails (2 s at most).
  reconnect();
  await Promise.race([connecting?.catch(() => {}), Bun.sleep(2000)]);
  return {
    eval: (script, keys, args) => {
      if (!client.connected) reconnect();
      return client.send('EVAL', [script, String(keys.length), ...keys, ...args]);
    },
    close: () => client.close(),
  };
}
