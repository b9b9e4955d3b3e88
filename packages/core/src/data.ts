// The data layer, for tests that drive it below HTTP (the adapter contract).
export { createAuthor, findAuthor } from './authors/data.ts';
export { issueToken } from './auth/tokens.ts';
export { writeOwnPost } from './posts/access.ts';
export { createPost, findPost, listPosts, postUpdate, updatePost, type PostRecord } from './posts/data.ts';
