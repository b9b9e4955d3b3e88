import * as z from 'zod';
import { contentTag } from '../http/etag.ts';
import { openApiDocument, type DocumentInfo, type Operation } from '../http/openapi.ts';
import { reply, route } from '../http/route.ts';
import { ApiError } from '../http/problem.ts';
import { docsFiles, type DocsFile, type DocsFileReader } from './files.ts';
import { docsPolicy, initScript, renderDocsPage } from './page.ts';

const info: DocumentInfo = {
  title: 'anywhere',
  version: '1.0.0',
  description:
    'One typed REST API on Bun, Node and Cloudflare Workers. Writes take `Authorization: Bearer <token>`; ' +
    'every error is RFC 9457 problem details (`application/problem+json`). The reference: docs/api.md.',
  license: { name: 'MIT', identifier: 'MIT' },
  contact: { name: 'The anywhere maintainers' },
  tags: {
    Operations: 'Liveness and readiness, for load balancers and orchestrators; never rate limited.',
    Authors: 'Authors, created by the admin; each gets a first API token.',
    Tokens: "An author's API tokens: issue another, revoke the one in use.",
    Posts: 'Posts: drafts are their author’s alone; writes take If-Match to avoid lost updates.',
    Tags: 'Tags of published posts, with how many posts carry each.',
  },
};

// The document's own routes: served beside the API, documented by it nowhere.
const documentOperation = { method: 'get', path: '/openapi.json', operationId: 'getOpenApiDocument', tag: 'Docs', summary: 'The OpenAPI 3.1 document', responses: {} } as const;
const pageOperation = { method: 'get', path: '/docs', operationId: 'getReference', tag: 'Docs', summary: 'The API reference', responses: {} } as const;
const fileOperation = {
  method: 'get',
  path: '/docs/{file}',
  operationId: 'getReferenceFile',
  tag: 'Docs',
  summary: "The reference's script and style",
  params: z.strictObject({ file: z.enum([...docsFiles, 'reference.js']) }),
  responses: {},
} as const;

const javascript = 'text/javascript; charset=UTF-8';
const types: Record<DocsFile | 'reference.js', string> = { 'swagger-ui-bundle.js': javascript, 'swagger-ui.css': 'text/css; charset=UTF-8', 'reference.js': javascript };

interface Text {
  text: string;
  etag: string;
}
const once = (make: () => Promise<string>) => {
  let made: Promise<Text> | undefined;
  return () => (made ??= make().then((text) => ({ text, etag: contentTag(text) })));
};

const noFiles = (name: string) => new ApiError(404, `${name} is served as a static asset here, not by the app.`);

/**
 * /openapi.json, /docs and the page's files, each built or read once, on first
 * request. Without `readFile` (a Worker), swagger-ui-dist's files are not the
 * app's to serve: Workers static assets answer for them before the app runs.
 */
export function docsRoutes(operations: readonly Operation[], readFile?: DocsFileReader) {
  let document: { json: ReturnType<typeof openApiDocument>; etag: string } | undefined;
  const getDocument = () => {
    if (!document) {
      const json = openApiDocument(operations, info);
      document = { json, etag: contentTag(JSON.stringify(json)) };
    }
    return document;
  };
  const page = once(async () => renderDocsPage(info.title));
  const files = {
    'reference.js': once(async () => initScript),
    ...Object.fromEntries(docsFiles.map((name) => [name, once(() => (readFile ? readFile(name) : Promise.reject(noFiles(name))))])),
  } as Record<DocsFile | 'reference.js', () => Promise<Text>>;

  return [
    route(documentOperation, () => {
      const { json, etag } = getDocument();
      return reply(200, json, { etag });
    }),
    route(pageOperation, async () => {
      const { text, etag } = await page();
      return { status: 200, text, etag, headers: { 'Content-Type': 'text/html; charset=UTF-8', 'Content-Security-Policy': docsPolicy } };
    }),
    route(fileOperation, async ({ params: { file } }) => {
      const { text, etag } = await files[file]();
      return { status: 200, text, etag, headers: { 'Content-Type': types[file], 'Cache-Control': 'no-cache' } };
    }),
  ];
}
