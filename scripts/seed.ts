// pnpm seed [--url http://127.0.0.1:3000] [--authors 5] [--posts 8]
// Fills the database of a running server through its API. Needs the server's
// ADMIN_TOKEN in the environment; prints the authors' tokens.
import { seed } from '@anywhere/server/seed';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://127.0.0.1:3000' },
    authors: { type: 'string', default: '5' },
    posts: { type: 'string', default: '8' },
  },
});
const adminToken = process.env.ADMIN_TOKEN;
if (!adminToken) {
  console.error('Set ADMIN_TOKEN to the server\'s admin token: ADMIN_TOKEN=… pnpm seed --url http://127.0.0.1:3000');
  process.exit(2);
}

const result = await seed(values.url, {
  adminToken,
  authors: Number(values.authors),
  postsPerAuthor: Number(values.posts),
});
const [first] = result.authors;
console.error(`Seeded ${values.url}: ${result.authors.length} authors, ${result.posts} posts (${result.drafts} drafts).`);
if (first) console.error(`A token for ${first.name} (author ${first.id}): ${first.token}`);
// One JSON line on stdout, for scripts.
console.log(JSON.stringify(result));
