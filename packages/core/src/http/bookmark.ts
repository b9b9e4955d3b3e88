// D1's read replication (the Sessions API): a response's bookmark, sent back
// on a later request, makes that request read data at least as new.
// https://developers.cloudflare.com/d1/best-practices/read-replication/

export const bookmarkHeader = 'X-D1-Bookmark';

/** D1's bookmarks: four fixed-width hex fields, so the newer of two is the greater string. */
export const bookmarkPattern = /^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{32}$/;
