// Realistic sample data, written through the public API with the typed
// client, so it fills whichever database a running server has: SQLite on
// Bun or Node, a local or remote D1 behind wrangler.
import { createClient } from '@anywhere/core/client';

export interface SeedOptions {
  /** The server's ADMIN_TOKEN. */
  adminToken: string;
  authors?: number;
  postsPerAuthor?: number;
  /** The same value writes the same names, titles and tags. */
  randomSeed?: number;
  fetch?: typeof fetch;
}

export interface SeedResult {
  authors: { id: number; name: string; token: string }[];
  posts: number;
  drafts: number;
}

const names = ['Ada Lovelace', 'Grace Hopper', 'Alan Turing', 'Katherine Johnson', 'Edsger Dijkstra', 'Barbara Liskov', 'Donald Knuth', 'Margaret Hamilton', 'Ken Thompson', 'Frances Allen'];
const topics = ['sqlite', 'postgres', 'hono', 'drizzle', 'bun', 'node', 'workers', 'd1', 'typescript', 'zod', 'testing', 'performance'];
const openings = ['Why we moved to', 'A field guide to', 'Lessons from a year of', 'Debugging', 'The case for', 'Benchmarking', 'Shipping', 'Five mistakes with'];
const sentences = [
  'The database is a single file you can copy with scp.',
  'WAL mode lets readers carry on while one writer commits.',
  'A prepared statement costs microseconds; building SQL on every call does not.',
  'Every adapter runs the same suite, so a green run means the same thing everywhere.',
  'Keyset pagination keeps pages stable while new rows arrive.',
  'Validation errors name the field, the rule and nothing else.',
  'Tokens are stored as hashes: a leaked backup leaks no credentials.',
  'The edge runs the same routes as the laptop, with D1 underneath.',
];

/** mulberry32: small, fast and seedable, enough for sample data. */
function random(initial: number) {
  let state = initial >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export async function seed(baseUrl: string | URL, options: SeedOptions): Promise<SeedResult> {
  const { adminToken, authors = 5, postsPerAuthor = 8, randomSeed = 2026, fetch } = options;
  const next = random(randomSeed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const admin = createClient(baseUrl, { token: adminToken, ...(fetch ? { fetch } : {}) });
  // Emails must be unique; a run suffix lets the command run again on the same database.
  const run = Date.now().toString(36);

  const result: SeedResult = { authors: [], posts: 0, drafts: 0 };
  for (let a = 0; a < authors; a++) {
    const name = names[a % names.length]!;
    const email = `${name.toLowerCase().replaceAll(' ', '.')}.${run}${a}@example.com`;
    const created = await admin.authors.$post({ json: { name, email } });
    if (created.status !== 201) throw new Error(`POST /authors answered ${created.status}: ${await created.text()}`);
    const author = await created.json();
    result.authors.push({ id: author.id, name: author.name, token: author.token });

    const writer = createClient(baseUrl, { token: author.token, ...(fetch ? { fetch } : {}) });
    for (let p = 0; p < postsPerAuthor; p++) {
      const topic = pick(topics);
      const status = next() < 0.8 ? 'published' : 'draft';
      const body = Array.from({ length: 2 + Math.floor(next() * 3) }, () => pick(sentences)).join(' ');
      const tags = [topic, pick(topics), pick(topics)];
      const response = await writer.posts.$post({ json: { title: `${pick(openings)} ${topic}`, body, status, tags } });
      if (response.status !== 201) throw new Error(`POST /posts answered ${response.status}: ${await response.text()}`);
      result.posts++;
      if (status === 'draft') result.drafts++;
    }
  }
  return result;
}
