// Reads a service of compose.yaml the way `docker compose` would run it, so a
// test can start the same thing with `docker run` where Compose cannot run
// (no Compose plugin and no registry for its postgres and redis images here).
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

export interface ComposeService {
  image: string;
  /** The Dockerfile stage `docker compose build` builds it from. */
  buildTarget: string | undefined;
  environment: Record<string, string>;
  replicas: number;
  readOnly: boolean;
  stopGraceSeconds: number;
  /** The services it waits for, each until its health check passes. */
  waitsForHealthy: string[];
}

/** What this reader knows how to run; any other key fails, so the test never silently drops part of the file. */
const understood = new Set(['build', 'image', 'environment', 'deploy', 'ports', 'read_only', 'stop_grace_period', 'restart', 'depends_on']);

/** Compose's `${NAME}`, `${NAME:-default}` and `${NAME:?error}`. */
function interpolate(text: string, variables: Record<string, string>): string {
  return text.replaceAll(/\$\{(\w+)(?::([-?])([^}]*))?\}/g, (_, name: string, kind?: string, word = '') => {
    const value = variables[name];
    if (value !== undefined && value !== '') return value;
    if (kind === '?') throw new Error(`compose.yaml: ${name}: ${word}`);
    return kind === '-' ? word : '';
  });
}

const seconds = (duration: string) => {
  const match = /^(\d+)(ms|s|m)$/.exec(duration);
  if (!match) throw new Error(`compose.yaml: cannot read the duration ${duration}`);
  return (Number(match[1]) * { ms: 0.001, s: 1, m: 60 }[match[2] as 'ms' | 's' | 'm']);
};

export function readComposeService(file: string, name: string, variables: Record<string, string>): ComposeService {
  const document = parse(readFileSync(file, 'utf8')) as { services: Record<string, Record<string, unknown>> };
  const service = document.services[name];
  if (!service) throw new Error(`compose.yaml has no service ${name}`);
  const unknown = Object.keys(service).filter((key) => !understood.has(key));
  if (unknown.length) throw new Error(`compose.yaml: the test cannot run ${name}'s ${unknown.join(', ')} yet`);

  const environment = Object.fromEntries(
    Object.entries((service.environment ?? {}) as Record<string, string | number>).map(([key, value]) => [key, interpolate(String(value), variables)]),
  );
  const dependsOn = (service.depends_on ?? {}) as Record<string, { condition?: string }>;
  return {
    image: String(service.image),
    buildTarget: (service.build as { target?: string } | undefined)?.target,
    environment,
    replicas: Number((service.deploy as { replicas?: number } | undefined)?.replicas ?? 1),
    readOnly: service.read_only === true,
    stopGraceSeconds: seconds(String(service.stop_grace_period ?? '10s')),
    waitsForHealthy: Object.entries(dependsOn)
      .filter(([, { condition }]) => condition === 'service_healthy')
      .map(([dependency]) => dependency),
  };
}

/** Every service's health check, by name: what `depends_on: condition: service_healthy` waits on. */
export function composeHealthChecks(file: string): Record<string, unknown> {
  const document = parse(readFileSync(file, 'utf8')) as { services: Record<string, { healthcheck?: unknown }> };
  return Object.fromEntries(Object.entries(document.services).map(([name, service]) => [name, service.healthcheck]));
}
