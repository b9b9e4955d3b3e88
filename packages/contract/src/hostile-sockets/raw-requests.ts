import * as fc from 'fast-check';
import { hostileBody, invalidUtf8 } from '../api/hostile-inputs.ts';

// Raw HTTP/1.1 requests as bytes, beyond what fetch can express: request
// lines, header and body framing a careful client never sends. Each case is
// complete (its header section ends), so no runtime waits for headers that
// never come; a few declare more body than they send, and meet the deadline.

/** What one worker's requests are made from: its own author's token and post. */
export interface Ground {
  host: string;
  token: string;
  postId: number;
}

export interface RawRequest {
  /** Which family of hostility, for the failure message. */
  kind: string;
  method: string;
  bytes: Buffer;
  /**
   * Whether the bytes hold a whole request and then more (a body longer than
   * its Content-Length, or one sent without framing): the runtime may act on
   * the first, valid, request and refuse what follows as a second one.
   */
  trailing: boolean;
}

const bytesOf = (part: string | Uint8Array) => (typeof part === 'string' ? Buffer.from(part, 'latin1') : Buffer.from(part));
const join = (...parts: (string | Uint8Array)[]) => Buffer.concat(parts.map(bytesOf));

/** A route's method, path and a valid body: hostility is layered on top of something that would work. */
const routes = (ground: Ground) => [
  { method: 'POST', path: '/posts', body: () => JSON.stringify({ title: `Raw ${crypto.randomUUID()}`, body: 'b', status: 'draft' }) },
  { method: 'PATCH', path: `/posts/${ground.postId}`, body: () => JSON.stringify({ title: 'Patched raw' }) },
  { method: 'POST', path: '/tokens', body: () => '' },
  { method: 'DELETE', path: '/posts/999999999', body: () => '' },
  { method: 'GET', path: `/posts/${ground.postId}`, body: () => '' },
  { method: 'GET', path: '/posts?limit=2', body: () => '' },
  { method: 'POST', path: '/authors', body: () => JSON.stringify({ name: 'Raw', email: `${crypto.randomUUID()}@example.com` }) },
];

const methodFor = (method: string) =>
  fc.oneof(
    { weight: 12, arbitrary: fc.constant(method) },
    { weight: 1, arbitrary: fc.constantFrom(method.toLowerCase(), 'FOO', 'GETT', 'PRI', 'CONNECT', 'TRACE', 'M-SEARCH', 'PO ST', '', 'G\u0000ET', 'POST\t', 'X'.repeat(300)) },
  );

const targetFor = (path: string) =>
  fc.oneof(
    { weight: 10, arbitrary: fc.constant(path) },
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        `${path} x`,
        `${path}\u0000`,
        `${path}\u0001`,
        `${path}\u007f`,
        `${path}\u00ff\u00fe`,
        `${path}#frag`,
        `http://localhost${path}`,
        `//${path}`,
        '*',
        path.slice(1),
        `${path}/../..${path}`,
        `${path}%`,
        `${path}%zz`,
        `${path}%00`,
        `${path}?${'a'.repeat(9000)}`,
        `/${'p'.repeat(70_000)}`,
        `${path}\t`,
        `${path}?q=\u000b`,
      ),
    },
  );

const version = fc.oneof(
  { weight: 12, arbitrary: fc.constant('HTTP/1.1') },
  { weight: 2, arbitrary: fc.constantFrom('HTTP/1.0', 'http/1.1', 'HTTP/1.2', 'HTTP/2.0', 'HTTP/1.1 extra', 'HTTP/11', 'HTTP/1.1\t', 'HTTP/0.9', 'HTTP', 'HTTP/1.1 ') },
);

/** Odd header lines; each is a whole line without its CRLF, latin1 text or raw bytes. */
const oddHeader = fc.oneof(
  fc.constantFrom(
    'X-Folded: first\r\n second',
    'X-Folded: first\r\n\tsecond',
    'No colon here',
    'Content-Type : application/json',
    ' X-Leading-Space: 1',
    'X-Nul: a\u0000b',
    'X-Cr: a\rb',
    'X-Del: a\u007fb',
    ': no name',
    'X-Empty:',
    'Host: second.example',
    'Expect: 100-continue',
    'Expect: nonsense',
    'Connection: upgrade\r\nUpgrade: h2c',
    'Connection: close',
    'Connection: keep-alive, Transfer-Encoding',
    'X-Request-Id: \u00ff\u00fe',
    'Authorization: Bearer',
    'Authorization: Bearer aw_\u0000',
    'Content-Type: application/json; charset=utf-16',
    'Content-Type: text/plain',
  ),
  fc.constantFrom(...invalidUtf8).map((bytes) => join('X-Bytes: ok', Uint8Array.from(bytes))),
  fc.constantFrom(8 * 1024, 20 * 1024, 70 * 1024).map((size) => `X-Huge: ${'h'.repeat(size)}`),
  fc.constantFrom(120, 300).map((count) => Array.from({ length: count }, (_, i) => `X-Many-${i}: ${i}`).join('\r\n')),
);

/** How a body is framed: right, doubled, conflicting, malformed, short, long or absent. */
const framing = fc.oneof({ weight: 1, arbitrary: fc.constantFrom('length', 'chunked') }, { weight: 1, arbitrary: fc.constantFrom(
  'chunked upper',
  'chunked then gzip',
  'gzip then chunked',
  'chunked twice',
  'chunked with extension',
  'chunk size not hex',
  'chunk size negative',
  'chunk size overflow',
  'chunk without CRLF',
  'chunk size too small',
  'length twice, same',
  'length twice, different',
  'length list',
  'length and chunked',
  'length signed',
  'length hex',
  'length with space',
  'length short',
  'length long',
  'length huge',
  'no framing',
  'transfer-encoding identity',
  'transfer-encoding empty',
) });

/** Frames `body` as `how` says: the header lines and what follows the header section. */
function frame(how: string, body: Buffer): { headers: string[]; rest: Buffer } {
  const length = `Content-Length: ${body.length}`;
  const chunked = (size = body.length.toString(16), tail = '\r\n0\r\n\r\n') => (body.length ? join(`${size}\r\n`, body, tail) : bytesOf('0\r\n\r\n'));
  switch (how) {
    case 'length': return { headers: [length], rest: body };
    case 'chunked': return { headers: ['Transfer-Encoding: chunked'], rest: chunked() };
    case 'chunked upper': return { headers: ['Transfer-Encoding: CHUNKED'], rest: chunked() };
    case 'chunked then gzip': return { headers: ['Transfer-Encoding: chunked, gzip'], rest: chunked() };
    case 'gzip then chunked': return { headers: ['Transfer-Encoding: gzip, chunked'], rest: chunked() };
    case 'chunked twice': return { headers: ['Transfer-Encoding: chunked', 'Transfer-Encoding: chunked'], rest: chunked() };
    case 'chunked with extension': return { headers: ['Transfer-Encoding: chunked'], rest: chunked(`${body.length.toString(16)};name="v\u0000al"`) };
    case 'chunk size not hex': return { headers: ['Transfer-Encoding: chunked'], rest: chunked('zz') };
    case 'chunk size negative': return { headers: ['Transfer-Encoding: chunked'], rest: chunked('-1') };
    case 'chunk size overflow': return { headers: ['Transfer-Encoding: chunked'], rest: chunked('fffffffffffffffffff') };
    case 'chunk without CRLF': return { headers: ['Transfer-Encoding: chunked'], rest: chunked(undefined, '0\r\n\r\n') };
    case 'chunk size too small': return { headers: ['Transfer-Encoding: chunked'], rest: chunked(Math.max(0, body.length - 1).toString(16)) };
    case 'length twice, same': return { headers: [length, length], rest: body };
    case 'length twice, different': return { headers: [length, `Content-Length: ${body.length + 1}`], rest: body };
    case 'length list': return { headers: [`Content-Length: ${body.length}, ${body.length}`], rest: body };
    case 'length and chunked': return { headers: [length, 'Transfer-Encoding: chunked'], rest: chunked() };
    case 'length signed': return { headers: [`Content-Length: +${body.length}`], rest: body };
    case 'length hex': return { headers: [`Content-Length: 0x${body.length.toString(16)}`], rest: body };
    case 'length with space': return { headers: [`Content-Length: ${body.length} 0`], rest: body };
    case 'length short': return { headers: [`Content-Length: ${Math.max(0, body.length - 3)}`], rest: body };
    case 'length long': return { headers: [`Content-Length: ${body.length + 3}`], rest: body };
    case 'length huge': return { headers: ['Content-Length: 99999999999999999999'], rest: body };
    case 'transfer-encoding identity': return { headers: ['Transfer-Encoding: identity'], rest: body };
    case 'transfer-encoding empty': return { headers: ['Transfer-Encoding:'], rest: body };
    default: return { headers: [], rest: body };
  }
}

const bodyFor = (valid: string) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constant(bytesOf(Buffer.from(valid, 'utf8'))) },
    { weight: 3, arbitrary: hostileBody.map((body) => (typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body))) },
    { weight: 1, arbitrary: fc.constantFrom(...invalidUtf8).map((bytes) => join('{"title":"', Uint8Array.from(bytes), '","body":"b"}')) },
  );

/** One raw request to one of `ground`'s routes, hostile in one or more of its parts. */
export const rawRequest = (ground: Ground): fc.Arbitrary<RawRequest> =>
  fc.constantFrom(...routes(ground)).chain((route) =>
    fc
      .record({
        method: methodFor(route.method),
        target: targetFor(route.path),
        version,
        eol: fc.oneof({ weight: 20, arbitrary: fc.constant('\r\n') }, { weight: 1, arbitrary: fc.constant('\n') }),
        host: fc.oneof({ weight: 12, arbitrary: fc.constant(`Host: ${ground.host}`) }, { weight: 1, arbitrary: fc.constantFrom('', 'Host:', 'Host: a b', 'Host: \u00ff') }),
        token: fc.oneof({ weight: 10, arbitrary: fc.constant(`Authorization: Bearer ${ground.token}`) }, { weight: 1, arbitrary: fc.constant('') }),
        contentType: fc.oneof({ weight: 10, arbitrary: fc.constant('Content-Type: application/json') }, { weight: 1, arbitrary: fc.constant('') }),
        odd: fc.oneof({ weight: 3, arbitrary: fc.constant<(string | Buffer)[]>([]) }, { weight: 2, arbitrary: fc.array(oddHeader, { minLength: 1, maxLength: 2 }) }),
        framing,
        body: bodyFor(route.body()),
        hasBody: fc.boolean(),
      })
      .map(({ method, target, version: v, eol, host, token, contentType, odd, framing: how, body, hasBody }) => {
        const withBody = hasBody || route.body() !== '';
        const framed = withBody ? frame(how, body) : { headers: [], rest: Buffer.alloc(0) };
        const lines: (string | Buffer)[] = [`${method} ${target} ${v}`, host, token, contentType, ...framed.headers, ...(odd as (string | Uint8Array)[]).map(bytesOf)].filter((line) => line.length > 0);
        const head = lines.flatMap((line) => [bytesOf(line), bytesOf(eol)]);
        // The header section always ends, whatever came before: no runtime waits for more headers.
        return {
          kind: `${v === 'HTTP/1.1' ? '' : `version ${v}; `}${method === route.method ? '' : `method ${method.slice(0, 12)}; `}${withBody ? `framing ${how}; ` : ''}${odd.length} odd headers`,
          method,
          bytes: Buffer.concat([...head, bytesOf('\r\n'), framed.rest]),
          trailing: withBody && body.length > 0 && (how === 'no framing' || how === 'length short'),
        };
      }),
  );
