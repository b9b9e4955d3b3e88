/**
 * The reference's files that come from swagger-ui-dist, served at /docs/<name>:
 * by the app where it can read files (Bun, Node; embedded in the single
 * executable), by Workers static assets on Cloudflare.
 */
export const docsFiles = ['swagger-ui-bundle.js', 'swagger-ui.css'] as const;
export type DocsFile = (typeof docsFiles)[number];

/** Reads one of them as text; where from is the host's business (node_modules, an executable's embedded files). */
export type DocsFileReader = (name: DocsFile) => Promise<string>;
