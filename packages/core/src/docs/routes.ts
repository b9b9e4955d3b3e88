import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Env } from 'hono';
import { sha256Base64 } from '../crypto.ts';
import { conditionalGet } from '../http/etag.ts';
import { docsStyle, renderDocsPage } from './page.ts';

const description =
  'One typed REST API on Bun, Node and Cloudflare Workers. Writes take `Authorization: Bearer <token>`; ' +
  'every error is RFC 9457 problem details (`application/problem+json`).';

/** /openapi.json and /docs, both built once from the routes' own zod schemas. */
export function mountDocs<E extends Env>(app: OpenAPIHono<E>) {
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: "An author's token (from POST /authors or POST /tokens), or the admin token for admin routes.",
  });
  let document: ReturnType<typeof app.getOpenAPI31Document> | undefined;
  const getDocument = () =>
    (document ??= app.getOpenAPI31Document({
      openapi: '3.1.0',
      info: { title: 'anywhere', version: '1.0.0', description },
    }));
  let page: Promise<{ html: string; csp: string }> | undefined;
  const getPage = () =>
    (page ??= sha256Base64(docsStyle).then((hash) => ({
      html: renderDocsPage(getDocument() as unknown as Record<string, unknown>),
      // Only this page's own inline style may apply; no script runs at all.
      csp: `default-src 'none'; style-src 'sha256-${hash}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    })));

  app.get('/openapi.json', conditionalGet, (c) => c.json(getDocument()));
  app.get('/docs', conditionalGet, async (c) => {
    const { html, csp } = await getPage();
    return c.html(html, 200, { 'Content-Security-Policy': csp });
  });
}
