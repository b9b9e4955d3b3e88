import type { Hono } from 'hono';
import { sha256Base64 } from '../crypto.ts';
import { conditionalGet } from '../http/etag.ts';
import { honoPath, openApiDocument, type Operation } from '../http/openapi.ts';
import { docsStyle, renderDocsPage } from './page.ts';

const info = {
  title: 'anywhere',
  version: '1.0.0',
  description:
    'One typed REST API on Bun, Node and Cloudflare Workers. Writes take `Authorization: Bearer <token>`; ' +
    'every error is RFC 9457 problem details (`application/problem+json`).',
};

const served = new Set(['GET /openapi.json', 'GET /docs']);

/**
 * /openapi.json and /docs, built once from the operations the routes declare.
 * It refuses to start if a route and the operations disagree: no route goes
 * undocumented, and no documented operation lacks a route.
 */
// oxlint-disable-next-line typescript/no-explicit-any -- any app, whatever its bindings
export function mountDocs(app: Hono<any, any, any>, operations: readonly Operation[]) {
  const routed = new Set(
    app.routes.filter((route) => route.method !== 'ALL').map((route) => `${route.method} ${route.path}`),
  );
  const documented = new Set(operations.map((spec) => `${spec.method.toUpperCase()} ${honoPath(spec.path)}`));
  const undocumented = [...routed].filter((route) => !documented.has(route) && !served.has(route));
  const unrouted = [...documented].filter((route) => !routed.has(route));
  if (undocumented.length || unrouted.length) {
    throw new Error(`Routes and their OpenAPI operations disagree: undocumented ${undocumented}; without a route ${unrouted}`);
  }

  let document: ReturnType<typeof openApiDocument> | undefined;
  const getDocument = () => (document ??= openApiDocument(operations, info));
  let page: Promise<{ html: string; csp: string }> | undefined;
  const getPage = () =>
    (page ??= sha256Base64(docsStyle).then((hash) => ({
      html: renderDocsPage(getDocument()),
      // Only this page's own inline style may apply; no script runs at all.
      csp: `default-src 'none'; style-src 'sha256-${hash}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    })));

  app.get('/openapi.json', conditionalGet, (c) => c.json(getDocument()));
  app.get('/docs', conditionalGet, async (c) => {
    const { html, csp } = await getPage();
    return c.html(html, 200, { 'Content-Security-Policy': csp });
  });
}
