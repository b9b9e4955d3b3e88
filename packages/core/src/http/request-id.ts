// A client's own id is kept when it is sane, so one trace spans its logs and
// ours; anything else (spaces, markup, 300 characters) is replaced, never echoed.
const sane = /^[\w\-=]{1,255}$/;

/** The id this request goes by: the client's X-Request-Id when sane, else a new UUID. */
export const requestIdFor = (sent: string | null): string => (sent !== null && sane.test(sent) ? sent : crypto.randomUUID());
