// What the bench holds the apps to: each app against its runtime's bare
// limit (Bun) or the peer a Node user would pick (Fastify), in one run.
import type { Row, Target } from './report.ts';

/** The server each app is compared with. */
export const references: Record<string, string> = { 'anywhere on Bun': 'bare Bun', 'anywhere on Node': 'Fastify' };

const ratios: { app: string; endpoint: string; ratio: number }[] = [
  { app: 'anywhere on Bun', endpoint: 'GET /posts/:id', ratio: 0.8 },
  { app: 'anywhere on Bun', endpoint: 'GET /posts?limit=20', ratio: 0.8 },
  { app: 'anywhere on Bun', endpoint: 'PATCH /posts/:id', ratio: 0.7 },
  // Group commit is how a whole app can beat a bare server that commits once per request.
  { app: 'anywhere on Bun', endpoint: 'POST /posts', ratio: 1 },
  ...['GET /posts/:id', 'GET /posts?limit=20', 'GET /posts deep cursor', 'POST /posts', 'PATCH /posts/:id'].map((endpoint) => ({
    app: 'anywhere on Node',
    endpoint,
    ratio: 1,
  })),
];

/** Every target whose endpoints this run measured (`--quick` measures fewer). */
export function targets(rows: Row[]): Target[] {
  const row = (endpoint: string, server: string) => rows.find((r) => r.endpoint === endpoint && r.server === server);
  const found: Target[] = [];
  for (const { app, endpoint, ratio } of ratios) {
    const [ours, theirs] = [row(endpoint, app), row(endpoint, references[app]!)];
    if (ours && theirs) {
      found.push({ name: `${short(app)} / ${references[app]}, ${endpoint}`, measured: ours.median.requestsPerSecond / theirs.median.requestsPerSecond, wanted: ratio });
    }
  }
  for (const app of Object.keys(references)) {
    // With group commit, an fsync per commit is shared by a batch: durable writes stay near the default's speed.
    const [full, normal] = [row('POST /posts, SQLITE_SYNCHRONOUS=full', app), row('POST /posts', app)];
    if (full && normal) {
      found.push({ name: `${short(app)}, POST at SQLITE_SYNCHRONOUS=full / at normal`, measured: full.median.requestsPerSecond / normal.median.requestsPerSecond, wanted: 0.8 });
    }
    const [deep, first] = [row('GET /posts deep cursor at 1M', app), row('GET /posts?limit=20 at 1M', app)];
    if (deep && first) {
      found.push({ name: `${short(app)}, deep cursor / first page at 1M posts`, measured: deep.median.requestsPerSecond / first.median.requestsPerSecond, wanted: 0.9 });
    }
    // Tail latency: no worse than twice the reference's, on every endpoint both ran.
    for (const ours of rows.filter((r) => r.server === app)) {
      const theirs = row(ours.endpoint, references[app]!);
      if (theirs) {
        found.push({ name: `${short(app)} p99 / ${references[app]} p99, ${ours.endpoint}`, measured: ours.median.p99Ms / theirs.median.p99Ms, wanted: 2, atMost: true });
      }
    }
  }
  return found;
}

const short = (app: string) => `${app.replace('anywhere on ', '')} app`;

export const met = ({ measured, wanted, atMost }: Target) => (atMost ? measured <= wanted : measured >= wanted);
