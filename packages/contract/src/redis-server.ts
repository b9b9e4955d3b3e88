import { connect } from 'node:net';

/** The Redis the shared rate limit tests use: TEST_REDIS_URL, or the usual local port. */
export const testRedisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Why the Redis tests cannot run here, or undefined when they can. CI sets ANYWHERE_REQUIRE_REDIS to make that a failure. */
export async function whyNoRedis(): Promise<string | undefined> {
  const url = new URL(testRedisUrl);
  try {
    await ping(url.hostname, Number(url.port || 6379));
    return undefined;
  } catch (error) {
    const reason = `no Redis at ${url.host} (${(error as Error).message}); set TEST_REDIS_URL`;
    if (process.env.ANYWHERE_REQUIRE_REDIS) throw new Error(reason, { cause: error });
    return reason;
  }
}

/** PING in Redis's own protocol: no client library for one command. */
function ping(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, timeout: 2000 });
    let reply = '';
    const done = (error?: Error) => {
      socket.destroy();
      if (error) reject(error);
      else resolve();
    };
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk;
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG') ? undefined : new Error(`answered ${reply.trim()}`));
    });
    socket.on('timeout', () => done(new Error('no answer within 2 s')));
    socket.on('error', (error) => done(error));
  });
}
