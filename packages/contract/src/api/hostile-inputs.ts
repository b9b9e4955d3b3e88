import * as fc from 'fast-check';

// What an attacker, a fuzzer or a broken client sends. Each arbitrary is
// plain data; hostile.ts turns it into requests against every route.

/** Printable ASCII: what a header value can carry at all (a Request refuses CR, LF and NUL). */
export const printable = (maxLength = 40) =>
  fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)), maxLength });

/** Any code points, astral ones included. */
export const unicode = (maxLength = 40) => fc.string({ unit: 'binary', maxLength });

export const sqlInjection = fc.constantFrom(
  '1 OR 1=1',
  "1' OR '1'='1",
  '1; DROP TABLE posts; --',
  "' UNION SELECT selector, verifier_hash FROM tokens --",
  '1)); DELETE FROM authors; --',
  "%' AND 1=1 --",
  '1/**/OR/**/1=1',
  '$1',
  '?',
  '1; SELECT pg_sleep(0)',
  "\\'; --",
  '1 AND (SELECT count(*) FROM sqlite_master) > 0',
);

/** Numbers as text that a careless parser takes for an id or a limit: negative, fractional, beyond 2^53, exotic. */
export const numberish = fc.oneof(
  fc.integer({ max: 0 }).map(String),
  fc.double().map(String),
  fc.bigInt({ min: 2n ** 53n, max: 2n ** 70n }).map(String),
  fc.bigInt({ min: -(2n ** 70n), max: -1n }).map(String),
  fc.constantFrom('9007199254740993', '1e3', '0x10', '1.0', '01', '+1', ' 1', '1 ', '١', '1e309', '-0', 'Infinity', 'NaN', '1_000'),
);

/** Percent-encodings that do not decode, or decode to something nasty; sent as they are. */
export const percentJunk = fc.constantFrom('%', '%%', '%zz', '%E0%A4%A', '%00', '%2F', '%2e%2e', '%C0%AF', '%FF', '%ED%A0%80', '1%00', '%u0031', '%F0%9F%98');

const smallId = /^[1-9][0-9]{0,14}$/;

/** A path segment that is anything but an id the database could hold: those are the auth matrix's business. */
export const hostileId = fc
  .oneof(
    percentJunk.map((raw) => ({ raw })),
    fc.oneof(sqlInjection, numberish, unicode(), fc.constant('')).map((text) => ({ raw: encodeURIComponent(text.toWellFormed()) })),
  )
  .filter(({ raw }) => !smallId.test(raw));

const base64Url = (text: string) =>
  btoa(String.fromCharCode(...new TextEncoder().encode(text)))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');

/** Random base64, tampered real cursors, and well-formed cursors holding numbers no page ends at. */
export const hostileCursor = (real: string) =>
  fc.oneof(
    fc.base64String({ maxLength: 80 }),
    fc.tuple(fc.nat(), fc.constantFrom(...'AZaz09-_=+/.%~')).map(([at, char]) => {
      const index = at % real.length;
      return real.slice(0, index) + char + real.slice(index + 1);
    }),
    fc.constantFrom(real.slice(1), `${real}A`, `${real}==`, real.toUpperCase(), `${real}&cursor=${real}`),
    fc.tuple(numberish, numberish).map(([createdAt, id]) => base64Url(`[${createdAt},${id}]`)),
    fc.jsonValue().map((value) => base64Url(JSON.stringify(value) ?? '')),
  );

/** Query strings: unknown and repeated keys, huge limits, injection, junk cursors, and raw undecodable ones. */
export const hostileQuery = (realCursor: string) => {
  const key = fc.oneof(
    fc.constantFrom('limit', 'cursor', 'authorId', 'tag', 'status', '__proto__', 'constructor', 'limit[]', 'Limit', '', 'toString'),
    printable(12),
  );
  const value = fc.oneof(
    sqlInjection,
    numberish,
    unicode(),
    printable(),
    hostileCursor(realCursor),
    fc.constantFrom('draft', 'published', 'DRAFT', '100', '101', '500', '501', '0', '99999999999999999999999'),
  );
  return fc.oneof(
    fc.array(fc.tuple(key, value), { minLength: 1, maxLength: 6 }).map((pairs) => new URLSearchParams(pairs).toString()),
    fc.tuple(key, value, value).map(([name, a, b]) => new URLSearchParams([[name, a], [name, b]]).toString()),
    fc.constantFrom('%', '%zz=1', '=&&=', 'limit=%FF', 'a=%00', '&&&', '=', 'limit', 'limit=1&limit=2', 'cursor=%C0%AF', 'tag[]=x', 'limit= 5'),
  );
};

const option = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });

/** Stands for the case's own token in generated headers: a route may use it up (DELETE /tokens/current). */
export const tokenPlaceholder = 'aw_TOKENPLACEHOLDER00000000000000000000000000000000000000';

/** Header values an odd client sends; `undefined` leaves the header out. */
export const hostileHeaders = (etag: string) => {
  const token = tokenPlaceholder;
  const validators = fc.oneof(
    fc.constantFrom('*', 'W/"x"', '"', '""', 'W/*', ', ,', '"a", *', `${etag}, junk`, `${etag}x`, etag.toLowerCase(), `"${'a'.repeat(2000)}"`),
    printable(),
  );
  return fc.record({
    'Content-Type': fc.oneof(
      fc.constantFrom(undefined, '', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'),
      fc.constantFrom('application/json; charset=utf-16', 'application/jsonx', 'APPLICATION/JSON', 'application/json;;;', 'application/vnd.api+json'),
      fc.constantFrom('application/problem+json', 'json', 'application/', '*/*', 'application/json, text/plain'),
      printable(),
    ),
    Authorization: fc.oneof(
      fc.constantFrom(undefined, `bearer ${token}`, `Bearer  ${token}`, `Bearer ${token} extra`, `Bearer ${token}x`, `Token ${token}`),
      fc.constantFrom('Bearer', 'Bearer ', 'Basic dXNlcjpwYXNz', 'Digest username="a"', `Bearer ${'a'.repeat(5000)}`, "Bearer ' OR 1=1 --"),
      fc.constantFrom(`Bearer aw_${'A'.repeat(55)}`, `Bearer ${token.slice(0, -1)}`, `Bearer ${token.toUpperCase()}`, 'Bearer aw_', `Bearer, Bearer ${token}`),
      printable().map((text) => `Bearer ${text}`),
    ),
    'If-Match': option(validators),
    'If-None-Match': option(validators),
    'X-Request-Id': option(printable(300)),
    Accept: option(fc.constantFrom('application/xml', '*/*;q=0', 'text/html', 'application/problem+json', '')),
  });
};

export const concat = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((part) => (typeof part === 'string' ? [...new TextEncoder().encode(part)] : part)));

const nested = (depth: number, open: string, close: string, inner = '1') => open.repeat(depth) + inner + close.repeat(depth);

/** Byte sequences no UTF-8 decoder may accept: stray continuations, overlongs, surrogates, beyond U+10FFFF, truncations. */
export const invalidUtf8 = [[0xff], [0xfe], [0x80], [0xc0, 0xaf], [0xc3], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80]];

const fields = ['title', 'body', 'status', 'tags', 'name', 'email', 'id', 'authorId'] as const;
const jsonScalar = fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.boolean(), fc.constant(null)).map((value) => JSON.stringify(value));

/** Request bodies: huge, 10,000 deep, invalid UTF-8, duplicate keys, unsafe integers, wrong types, prototype keys, empty, not JSON. */
export const hostileBody = fc.oneof(
  fc.constantFrom(JSON.stringify({ title: 'x'.repeat(70_000), body: 'b' }), JSON.stringify({ title: 'Long', body: 'b'.repeat(60_000) })),
  fc.constantFrom(
    nested(10_000, '[', ']'),
    nested(10_000, '{"a":', '}'),
    `{"title":${nested(10_000, '[', ']')},"body":"b"}`,
    `{"tags":${nested(10_000, '[', ']', '"x"')}}`,
    `{"x":${nested(10_000, '{"y":', '}')}}`,
  ),
  fc.tuple(fc.constantFrom(...invalidUtf8), fc.constantFrom('title', 'body', 'name', 'email')).map(([bytes, field]) =>
    concat(`{"${field}":"ok`, bytes, '","body":"fine","email":"a@example.com"}'),
  ),
  fc.uint8Array({ maxLength: 64 }),
  fc.tuple(fc.constantFrom(...fields), jsonScalar, jsonScalar).map(([key, a, b]) => `{"title":"Twice","body":"b","${key}":${a},"${key}":${b}}`),
  fc.tuple(fc.constantFrom(...fields), fc.constantFrom('9007199254740993', '-9007199254740993', '1e400', '-1e400', '123456789012345678901234567890', '1.7976931348623157e309')).map(
    ([key, number]) => `{"title":"Big","body":"b","${key}":${number}}`,
  ),
  fc.jsonValue().map((value) => JSON.stringify(value) ?? ''),
  fc.record({ title: fc.jsonValue(), body: fc.jsonValue(), status: fc.jsonValue(), tags: fc.jsonValue() }, { requiredKeys: [] }).map((value) => JSON.stringify(value)),
  fc.constantFrom(
    '{"__proto__":{"admin":true},"title":"t","body":"b"}',
    '{"constructor":{"prototype":{"polluted":1}},"title":"t","body":"b"}',
    '{"title":"t","body":"b","tags":[{"__proto__":null}]}',
    '{"__proto__":[]}',
    '{"prototype":1,"name":"n","email":"p@example.com"}',
  ),
  fc.constantFrom('', ' ', '\n', 'null', '{}', '[]', '""', '0'),
  fc.oneof(unicode(), printable()),
  fc.constantFrom("{'title':'t'}", '{"title":"t",}', '{title:"t"}', '/* */{}', 'NaN', 'undefined', '{"title":"t"', '\uFEFF{"title":"t","body":"b"}'),
  fc.constantFrom('{"title":"\\ud800","body":"b"}', '{"title":"a\\u0000b","body":"b"}', '{"title":"\\u0000","body":"b"}', '{"title":"t","body":"\\u0000 "}', '{"name":"\\u0000","email":"z@example.com"}', '{"title":"t","body":"b","tags":["\\u0000"]}'),
  fc.record({ title: unicode(), body: unicode(), tags: fc.array(unicode(12), { maxLength: 3 }) }).map((value) => JSON.stringify(value)),
);
