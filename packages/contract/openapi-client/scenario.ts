// A client as a newcomer would write one: types generated from the served
// /openapi.json by openapi-typescript (into ./api.ts, beside this file, by the
// test), requests sent by openapi-fetch. Nothing here is typed by hand: the
// header names come from the generated types too, so a header the document
// stops declaring fails to type-check.
import createClient from 'openapi-fetch';
import type { paths } from './api.ts';

type ResponseHeaderOf<P extends keyof paths, M extends keyof paths[P], S extends number> = paths[P][M] extends {
  responses: { [K in S]: { headers: infer H } };
}
  ? Extract<keyof H, string>
  : never;

const etagOfRead: ResponseHeaderOf<'/posts/{id}', 'get', 200> = 'ETag';
const locationOfCreate: ResponseHeaderOf<'/posts', 'post', 201> = 'Location';
const challengeOf401: ResponseHeaderOf<'/posts', 'post', 401> = 'WWW-Authenticate';

const mustHave = <T>(value: T | undefined | null, what: string): T => {
  if (value === undefined || value === null) throw new Error(`missing ${what}`);
  return value;
};

/** The scenario's steps and the status each got, in order, with what the test checks beyond the status. */
export async function runScenario(baseUrl: string, adminToken: string) {
  const steps: { step: string; status: number }[] = [];
  const note = (step: string, response: Response) => void steps.push({ step, status: response.status });

  const admin = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${adminToken}` } });
  const made = await admin.POST('/authors', { body: { name: 'Generated Client', email: `${crypto.randomUUID()}@example.com` } });
  note('create author', made.response);
  const { id: authorId, token } = mustHave(made.data, 'the new author');

  const author = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${token}` } });
  const created = await author.POST('/posts', {
    body: { title: 'From a generated client', body: 'Typed by openapi-typescript.', status: 'published', tags: ['Generated', 'OpenAPI'] },
    params: { header: { 'X-Request-Id': 'generated-client-create' } },
  });
  note('create post', created.response);
  const post = mustHave(created.data, 'the new post');
  const location = created.response.headers.get(locationOfCreate);
  const requestId = created.response.headers.get('X-Request-Id');
  const id = String(post.id);

  const read = await author.GET('/posts/{id}', { params: { path: { id } } });
  note('read', read.response);
  const etag = mustHave(read.response.headers.get(etagOfRead), 'ETag');
  const again = await author.GET('/posts/{id}', { params: { path: { id }, header: { 'If-None-Match': etag } } });
  note('read with If-None-Match', again.response);

  for (const title of ['Second', 'Third']) {
    const more = await author.POST('/posts', { body: { title, body: 'More to page through.', status: 'published' } });
    note('create post', more.response);
  }
  const titles: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await author.GET('/posts', { params: { query: { authorId: String(authorId), limit: '2', ...(cursor === undefined ? {} : { cursor }) } } });
    note('page', page.response);
    const { items, nextCursor } = mustHave(page.data, 'a page');
    titles.push(...items.map((item) => item.title));
    cursor = nextCursor ?? undefined;
  } while (cursor !== undefined);

  const patched = await author.PATCH('/posts/{id}', { params: { path: { id }, header: { 'If-Match': etag } }, body: { title: 'Changed once' } });
  note('patch with If-Match', patched.response);
  const stale = await author.PATCH('/posts/{id}', { params: { path: { id }, header: { 'If-Match': etag } }, body: { title: 'Changed twice' } });
  note('patch with a stale If-Match', stale.response);
  const invalid = await author.POST('/posts', { body: { title: '', body: 'No title.' } });
  note('create an invalid post', invalid.response);

  const current = mustHave(patched.response.headers.get(etagOfRead), 'ETag after the patch');
  const deleted = await author.DELETE('/posts/{id}', { params: { path: { id }, header: { 'If-Match': current } } });
  note('delete', deleted.response);
  const revoked = await author.DELETE('/tokens/current');
  note('revoke', revoked.response);
  const refused = await author.POST('/posts', { body: { title: 'Too late', body: 'The token is revoked.' } });
  note('create with the revoked token', refused.response);

  return {
    steps,
    location,
    requestId,
    tags: post.tags,
    titles,
    stale: stale.error,
    invalid: invalid.error?.errors?.map((error) => error.path),
    challenge: refused.response.headers.get(challengeOf401),
  };
}
