import * as z from 'zod';
import { headerParameters, headersOfStatus, responseHeaders, type ResponseHeader } from './headers-doc.ts';
import { problemSchema } from './problem.ts';

// Each route describes itself once, as an Operation whose zod schemas are
// the very ones its validators use; the OpenAPI 3.1 document is built from
// those with zod's own JSON Schema output. Nothing is described twice.

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface Operation {
  method: Method;
  /** OpenAPI's template form: /posts/{id}. */
  path: string;
  /** Stable and readable (listPosts, createPost): generated clients name their methods by it. */
  operationId: string;
  tag: string;
  summary: string;
  description?: string;
  /**
   * Who may call it: `author` or `admin` need `Authorization: Bearer`; `optional`
   * reads differently for an author (their own drafts); absent, the route ignores
   * Authorization.
   */
  auth?: 'optional' | 'author' | 'admin';
  /** Never rate limited (health checks); every other operation may answer 429. */
  unlimited?: true;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: { schema: z.ZodType; description: string };
  /** Each status it answers; `headers` names what its handler sets (ETag, Location) beyond what every response carries. */
  responses: Record<number, { description: string; schema?: z.ZodType; headers?: readonly ResponseHeader[] }>;
}

/** Keeps the operation's exact types, so routes validate with the schemas it names. */
export const operation = <const O extends Operation>(spec: O): O => spec;

export type HonoPath<P extends string> = P extends `${infer Start}{${infer Param}}${infer Rest}` ? `${Start}:${Param}${HonoPath<Rest>}` : P;

/** Hono's path for an operation, /posts/{id} → /posts/:id, typed as the literal so the typed client knows it. */
export const honoPath = <P extends string>(path: P) => path.replaceAll(/\{(\w+)\}/g, ':$1') as HonoPath<P>;

const meanings = {
  304: 'The representation has not changed since the ETag in If-None-Match.',
  400: 'A malformed body, path, query string or X-D1-Bookmark.',
  401: 'No token, or one that is unknown or revoked (see WWW-Authenticate).',
  403: 'The token is valid but may not do this.',
  404: 'No such resource, or not one this caller may see.',
  409: 'It conflicts with what exists.',
  412: 'If-Match named an ETag the resource no longer has.',
  413: 'The body is larger than the limit.',
  415: 'The body is not application/json.',
  422: 'The body parsed but breaks the rules; `errors` names each field.',
  429: 'Too many requests from this address or with this token (RATE_LIMIT, RATE_LIMIT_TOKEN); retry after Retry-After seconds.',
  503: 'Unavailable: the database is not answering, or (admin routes) ADMIN_TOKEN is not configured.',
} as const;

/** The error responses a route can give: every one but 304 is a Problem. */
export function problems(...statuses: (keyof typeof meanings)[]): Operation['responses'] {
  return Object.fromEntries(
    statuses.map((status) => [status, status === 304 ? { description: meanings[status] } : { description: meanings[status], schema: problemSchema }]),
  );
}

type JsonSchema = Record<string, unknown>;

/** What the document says beside the operations: title, version, licence, and each tag's description. */
export interface DocumentInfo {
  title: string;
  version: string;
  description: string;
  license: { name: string; identifier: string };
  contact: { name: string };
  tags: Record<string, string>;
}

/** zod names shared schemas under $defs; OpenAPI keeps them under components. */
const relink = <T>(value: T): T => JSON.parse(JSON.stringify(value).replaceAll('"#/$defs/', '"#/components/schemas/'));

const parameterRef = (name: keyof typeof headerParameters) => ({ $ref: `#/components/parameters/${name}` });
const headerRefs = (names: readonly ResponseHeader[]) => Object.fromEntries(names.map((name) => [name, { $ref: `#/components/headers/${name}` }]));

/** `security` as OpenAPI says it: `[]` public, `{}` among the options when a token is optional. */
const securityOf = (auth: Operation['auth']) => (auth === 'optional' ? [{}, { bearer: [] }] : auth ? [{ bearer: [] }] : []);

/** An OpenAPI 3.1 document for `operations`; schemas with a `.meta({ id })` become shared components. */
export function openApiDocument(operations: readonly Operation[], { tags, license, contact, ...info }: DocumentInfo) {
  const components: Record<string, JsonSchema> = {};
  const convert = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
    const { $defs, $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema & {
      $defs?: Record<string, JsonSchema>;
    };
    for (const [id, definition] of Object.entries($defs ?? {})) components[id] ??= relink(definition);
    return relink(rest);
  };
  const parameters = (schema: z.ZodObject | undefined, where: 'path' | 'query') =>
    Object.entries(schema?.shape ?? {}).map(([name, field]) => {
      const { description, ...fieldSchema } = convert(field as z.ZodType, 'input');
      return { name, in: where, required: where === 'path' || !(field as z.ZodType).safeParse(undefined).success, description, schema: fieldSchema };
    });

  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of operations) {
    if (!(spec.tag in tags)) throw new Error(`${spec.operationId}: tag ${spec.tag} has no description`);
    // Every operation takes X-D1-Bookmark, so on D1 any can answer 400 for a malformed one.
    const responses = { ...problems(400), ...spec.responses, ...(spec.unlimited ? {} : problems(429)) };
    // Conditional requests where the operation can answer them: 304 for reads, 412 for writes.
    const conditions = [...('304' in responses ? [parameterRef('IfNoneMatch')] : []), ...('412' in responses ? [parameterRef('IfMatch')] : [])];
    (paths[spec.path] ??= {})[spec.method] = {
      operationId: spec.operationId,
      tags: [spec.tag],
      summary: spec.summary,
      description: spec.description,
      security: securityOf(spec.auth),
      parameters: [...parameters(spec.params, 'path'), ...parameters(spec.query, 'query'), ...conditions, parameterRef('RequestId'), parameterRef('Bookmark')],
      requestBody: spec.body && {
        required: true,
        description: spec.body.description,
        content: { 'application/json': { schema: convert(spec.body.schema, 'input') } },
      },
      responses: Object.fromEntries(
        Object.entries(responses).map(([status, { description, schema, headers = [] }]: [string, Operation['responses'][number]]) => [
          status,
          {
            description,
            // A 429 is answered before the database is reached: it has no bookmark to give.
            headers: headerRefs([...headers, ...(headersOfStatus[status] ?? []), 'X-Request-Id', ...(status === '429' ? [] : (['X-D1-Bookmark'] as const))]),
            content: schema && {
              [schema === problemSchema ? 'application/problem+json' : 'application/json']: { schema: convert(schema, 'output') },
            },
          },
        ]),
      ),
    };
  }
  return JSON.parse(
    JSON.stringify({
      openapi: '3.1.0',
      info: { ...info, license, contact },
      // Relative: the server that serves the document is the one it describes, wherever it runs.
      servers: [{ url: '/', description: 'The server this document was read from.' }],
      tags: Object.entries(tags).map(([name, description]) => ({ name, description })),
      paths,
      components: {
        schemas: components,
        parameters: headerParameters,
        headers: responseHeaders,
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: "An author's token (from POST /authors or POST /tokens), or the admin token for admin routes.",
          },
        },
      },
    }),
  ) as JsonSchema;
}
