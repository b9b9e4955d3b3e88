// The API reference at /docs: Swagger UI (swagger-ui-dist), from this
// server's own files, never a CDN. It reads /openapi.json and its "Try it out"
// sends requests to this same server, with the bearer token typed into
// "Authorize". Chosen by size, with "try it" (docs/api.md has the figures).

/** The page's own script, a file so that the CSP needs no inline script. */
export const initScript = `window.ui = SwaggerUIBundle({
  url: new URL('openapi.json', location.href).href,
  dom_id: '#reference',
  deepLinking: true,
  // Never ask a public validator about this document: nothing leaves the server.
  validatorUrl: null,
  displayOperationId: true,
  tryItOutEnabled: false,
});
`;

/** Scripts, styles, and requests from this origin only; images too, and the inline SVG icons Swagger UI's stylesheet carries. */
export const docsPolicy =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Relative links: the page is /docs, so they resolve to /docs/<file> beside it. */
export const renderDocsPage = (title: string) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${title} API reference</title>
<link rel="stylesheet" href="docs/swagger-ui.css">
</head>
<body>
<div id="reference"></div>
<script src="docs/swagger-ui-bundle.js"></script>
<script src="docs/reference.js"></script>
</body>
</html>
`;
