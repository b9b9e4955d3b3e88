// `anywhere health`: the container image's HEALTHCHECK, so the image needs no
// curl or shell. It asks the server this same environment configures.
import { loadServerConfig } from '@anywhere/server';

export const isHealthCheck = (argv: readonly string[]) => argv.length === 1 && argv[0] === 'health';

/** A server listening on every address is asked on loopback. */
const probeHost = (host: string) => (host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host);

/** GET /health on PORT and HOST: 0 on a 200 within the time, 1 otherwise, with the reason on stderr. */
export async function checkHealth(env: Record<string, string | undefined>, timeoutMs = 3000): Promise<number> {
  const { host, port } = loadServerConfig(env);
  const url = `http://${probeHost(host)}:${port}/health`;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    await response.arrayBuffer();
    if (response.status === 200) return 0;
    console.error(`${url} answered ${response.status}`);
  } catch (error) {
    console.error(`${url}: ${(error as Error).message}`);
  }
  return 1;
}
