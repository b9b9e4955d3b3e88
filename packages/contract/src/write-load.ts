/** What a post says at one version: the fields a writer sent and may read back. */
export interface PostContent {
  title: string;
  body: string;
  tags: string[];
}

/** One write a writer sent for a post: its create, or a PATCH. */
export interface Version extends PostContent {
  /** Date.now() when the 2xx arrived (the wall clock, which the backup's report uses too); undefined while in flight. */
  acknowledgedAt?: number;
}

/** A post whose create was acknowledged, with every version sent for it since, in order (one writer each). */
export interface TrackedPost {
  id: number;
  versions: Version[];
}

export interface Reply {
  method: string;
  status: number;
  /** Date.now() when it came, and how many milliseconds after the request was sent. */
  at: number;
  ms: number;
}

export interface WriteLoad {
  readonly posts: readonly TrackedPost[];
  /** Every reply the load got, with when it came. */
  readonly replies: readonly Reply[];
  /** Resolves once `count` creates have been acknowledged. */
  created(count: number): Promise<void>;
  /** Stops the writers after their current request; rejects if a request failed below HTTP. */
  stop(): Promise<void>;
}

const words = ['sqlite', 'wal', 'snapshot', 'restore', 'hono', 'drizzle', 'bun', 'node', 'backup', 'durable'];
const pick = (count: number) => Array.from({ length: count }, () => words[Math.floor(Math.random() * words.length)]!);
const content = (writer: number, step: number): PostContent => ({
  title: `Writer ${writer}, write ${step}`,
  // Bodies of a few KiB, so the database spans many pages.
  body: `${pick(400).join(' ')} (${writer}.${step})`,
  tags: [...new Set(pick(3))].toSorted(),
});

/**
 * `writers` authors writing concurrently to a real server, each in a loop:
 * create a post, or PATCH one of its own (one writer per post, so a post's
 * versions are ordered). Records when each write was acknowledged.
 */
export async function startWriteLoad(url: URL, adminToken: string, { writers = 6 } = {}): Promise<WriteLoad> {
  const posts: TrackedPost[] = [];
  const replies: Reply[] = [];
  const stopping = new AbortController();
  const waiting: { count: number; resolve(): void }[] = [];

  const send = async (method: string, path: string, token: string, body: unknown) => {
    const sent = performance.now();
    const response = await fetch(new URL(path, url), {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    replies.push({ method, status: response.status, at: Date.now(), ms: performance.now() - sent });
    return response;
  };

  const tokens = await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      const response = await send('POST', '/authors', adminToken, { name: `Writer ${writer}`, email: `writer-${writer}-${crypto.randomUUID()}@example.com` });
      if (response.status !== 201) throw new Error(`POST /authors answered ${response.status}: ${await response.text()}`);
      return ((await response.json()) as { token: string }).token;
    }),
  );

  const write = async (writer: number, token: string) => {
    const mine: TrackedPost[] = [];
    for (let step = 0; !stopping.signal.aborted; step++) {
      const version: Version = content(writer, step);
      const post = mine.length > 0 && Math.random() < 0.4 ? mine[Math.floor(Math.random() * mine.length)]! : undefined;
      if (post) {
        post.versions.push(version);
        const response = await send('PATCH', `/posts/${post.id}`, token, version);
        await response.body?.cancel();
        if (response.ok) version.acknowledgedAt = Date.now();
        else post.versions.pop(); // refused, so never written
        continue;
      }
      const response = await send('POST', '/posts', token, { ...version, status: 'published' });
      if (!response.ok) {
        await response.body?.cancel();
        continue;
      }
      version.acknowledgedAt = Date.now();
      const created: TrackedPost = { id: ((await response.json()) as { id: number }).id, versions: [version] };
      mine.push(created);
      posts.push(created);
      for (const waiter of waiting.filter(({ count }) => posts.length >= count)) waiter.resolve();
    }
  };
  const running = Promise.all(tokens.map((token, writer) => write(writer, token)));
  running.catch(() => stopping.abort());

  return {
    posts,
    replies,
    created: (count) =>
      Promise.race([
        new Promise<void>((resolve) => (posts.length >= count ? resolve() : waiting.push({ count, resolve }))),
        running.then(() => {
          throw new Error(`the load stopped after ${posts.length} of ${count} creates`);
        }),
      ]),
    stop: async () => {
      stopping.abort();
      await running;
    },
  };
}

/**
 * What a post may read as in a snapshot taken at `moment`: the last version
 * acknowledged before it, or any version sent after that one (those may
 * have committed before the snapshot began, or not). Undefined when the
 * create itself was not acknowledged before `moment`.
 */
export function allowedAt(post: TrackedPost, moment: number): PostContent[] | undefined {
  const last = post.versions.findLastIndex((version) => version.acknowledgedAt !== undefined && version.acknowledgedAt < moment);
  if (last < 0) return undefined;
  return post.versions.slice(last).map(({ title, body, tags }) => ({ title, body, tags }));
}
