import { expect } from 'vitest';
import type { Api } from './http.ts';

export interface PostBody {
  id: number;
  title: string;
  body: string;
  status: 'draft' | 'published';
  tags: string[];
  authorId: number;
  createdAt: string;
  updatedAt: string;
}

export interface Author {
  id: number;
  name: string;
  token: string;
}

/** What GET returns for a post the fixtures made: the same, less the ETag header they keep beside it. */
export const withoutEtag = ({ id, title, body, status, tags, authorId, createdAt, updatedAt }: PostBody): PostBody => ({
  id,
  title,
  body,
  status,
  tags,
  authorId,
  createdAt,
  updatedAt,
});

let sequence = 0;
/** Unique per call, for titles, emails and tags no other test uses. */
export const unique = (prefix: string) => `${prefix}${++sequence}x${Math.random().toString(36).slice(2, 8)}`;

/** A valid new post whose title no other test uses. */
export const newPost = (overrides: Record<string, unknown> = {}) => ({
  title: unique('Post '),
  body: 'Hono, Drizzle and SQLite, on every runtime.',
  status: 'published',
  ...overrides,
});

/** Creates what tests need through the API itself, as the admin and as authors. */
export function fixtures(api: Api, adminToken: string) {
  const author = async (name = 'Ada Lovelace'): Promise<Author> => {
    const response = await api.post('/authors', { name, email: `${unique('ada')}@example.com` }, { token: adminToken });
    expect(response.status).toBe(201);
    const { id, token } = (await response.json()) as { id: number; token: string };
    return { id, name, token };
  };

  const post = async (by: Author, overrides: Record<string, unknown> = {}) => {
    const response = await api.post('/posts', newPost(overrides), { token: by.token });
    expect(response.status).toBe(201);
    return { ...((await response.json()) as PostBody), etag: response.headers.get('ETag')! };
  };

  const revokedToken = async (by: Author) => {
    const issued = await api.post('/tokens', undefined, { token: by.token });
    const { token } = (await issued.json()) as { token: string };
    expect((await api.delete('/tokens/current', { token })).status).toBe(204);
    return token;
  };

  return { author, post, revokedToken };
}

export type Fixtures = ReturnType<typeof fixtures>;
