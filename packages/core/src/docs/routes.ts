import { sha256Base64 } from '../crypto.ts';
import { contentTag } from '../http/etag.ts';
import { openApiDocument, type Operation } from '../http/openapi.ts';
import { reply, route } from '../http/route.ts';
import { docsStyle, renderDocsPage } from './page.ts';

const info = {
  title: 'anywhere',
  version: '1.0.0',
  description:
    'One typed REST API on Bun, Node and Cloudflare Workers. Writes take `Authorization: Bearer <token>`; ' +
    'every error is RFC 9457 problem details (`application/problem+json`).',
};

// The document's own routes: served beside the API, documented by it nowhere.
const documentOperation = { method: 'get', path: '/openapi.json', tag: 'Docs', summary: 'The OpenAPI 3.1 document', responses: {} } as const;
const pageOperation = { method: 'get', path: '/docs', tag: 'Docs', summary: 'The API reference', responses: {} } as const;

/** /openapi.json and /docs, each built once, on first request, from the operations the routes declare. */
export function docsRoutes(operations: readonly Operation[]) {
  let document: { json: ReturnType<typeof openApiDocument>; etag: string } | undefined;
  const getDocument = () => {
    if (!document) {
      const json = openApiDocument(operations, info);
      document = { json, etag: contentTag(JSON.stringify(json)) };
    }
    return document;
  };
  let page: Promise<{ html: string; csp: string; etag: string }> | undefined;
  const getPage = () =>
    (page ??= sha256Base64(docsStyle).then((hash) => {
      const html = renderDocsPage(getDocument().json);
      // Only this page's own inline style may apply; no script runs at all.
      const csp = `default-src 'none'; style-src 'sha256-${hash}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
      return { html, csp, etag: contentTag(html) };
    }));

  return [
    route(documentOperation, () => {
      const { json, etag } = getDocument();
      return reply(200, json, { etag });
    }),
    route(pageOperation, async () => {
      const { html, csp, etag } = await getPage();
      return { status: 200, text: html, etag, headers: { 'Content-Type': 'text/html; charset=UTF-8', 'Content-Security-Policy': csp } };
    }),
  ];
}
