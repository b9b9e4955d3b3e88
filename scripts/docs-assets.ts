// The reference's files for a Worker (`node ../../scripts/docs-assets.ts`, the
// build command in each Worker's wrangler.jsonc): swagger-ui-dist's script and
// style copied into .assets/docs/, which Workers static assets serve at
// /docs/<name> before the Worker runs, so they stay out of the script bundle.
import { docsFiles, securityHeaders } from '@anywhere/core';
import { docsFileUrl } from '@anywhere/core/docs-files';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Copies the files into `<folder>/docs/`, with a _headers file giving them the API's security headers. */
export function writeDocsAssets(folder: string): void {
  mkdirSync(join(folder, 'docs'), { recursive: true });
  for (const name of docsFiles) copyFileSync(docsFileUrl(name), join(folder, 'docs', name));
  const headers = Object.entries(securityHeaders).map(([name, value]) => `  ${name}: ${value}`);
  // https://developers.cloudflare.com/workers/static-assets/headers/
  writeFileSync(join(folder, '_headers'), `/docs/*\n${headers.join('\n')}\n`);
}

if (import.meta.main) writeDocsAssets(join(process.cwd(), '.assets'));
