import { DatabaseSync } from 'node:sqlite';

/**
 * What one author's writes would move: their posts (with each post's ETag,
 * which every update changes), tags and tokens. Each worker of the suite
 * writes as its own author, so a change is its own request's doing.
 */
export function authorDigest(file: string) {
  const db = new DatabaseSync(file, { readOnly: true });
  const query = db.prepare(`
    SELECT (SELECT count(*) || ':' || coalesce(group_concat(etag), '') FROM posts WHERE author_id = $id) AS posts,
           (SELECT count(*) FROM post_tags JOIN posts ON posts.id = post_tags.post_id WHERE posts.author_id = $id) AS tags,
           (SELECT count(*) || ':' || count(revoked_at) FROM tokens WHERE author_id = $id) AS tokens,
           (SELECT count(*) FROM authors) AS authors`);
  return {
    of: (authorId: number) => JSON.stringify(query.get({ id: authorId })),
    close: () => db.close(),
  };
}
