// The API reference at /docs: plain HTML rendered from the OpenAPI document
// on the server. No script, no CDN, nothing fetched: it works offline on
// every runtime and under a CSP that allows only its own inline style.

type Json = Record<string, unknown>;
type Schema = Json & { $ref?: string; type?: string | string[]; properties?: Record<string, Schema>; items?: Schema };

const methods = ['get', 'post', 'put', 'patch', 'delete'] as const;

export const docsStyle = `
body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1.5rem;color:#1b1f24}
h1{margin-bottom:.2rem}code,.path{font-family:ui-monospace,monospace}
nav ul{columns:2;padding-left:1rem}section{border-top:1px solid #d0d7de;padding:.6rem 0}
.method{display:inline-block;min-width:4.2rem;font:700 13px ui-monospace,monospace;text-transform:uppercase}
.get{color:#0969da}.post{color:#1a7f37}.put,.patch{color:#9a6700}.delete{color:#cf222e}
table{border-collapse:collapse;margin:.3rem 0}td,th{border:1px solid #d0d7de;padding:.2rem .5rem;text-align:left;vertical-align:top}
.muted{color:#57606a}details{margin:.3rem 0}`;

const escape = (value: unknown) =>
  String(value).replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/** Escaped prose, with the document's `backticks` shown as code. */
const prose = (value: unknown) => escape(value ?? '').replaceAll(/`([^`]+)`/g, '<code>$1</code>');

const anchor = (method: string, path: string) => `${method}-${path.replaceAll(/[^a-z0-9]+/gi, '-')}`;

export function renderDocsPage(document: Json): string {
  const info = document.info as { title: string; version: string; description?: string };
  const schemas = ((document.components as Json | undefined)?.schemas ?? {}) as Record<string, Schema>;
  const resolve = (schema: Schema): Schema => (schema.$ref ? (schemas[schema.$ref.split('/').at(-1)!] ?? {}) : schema);
  const typeOf = (schema: Schema): string => {
    const name = schema.$ref?.split('/').at(-1);
    const resolved = resolve(schema);
    if (resolved.type === 'array' && resolved.items) return `${typeOf(resolved.items)}[]`;
    if (Array.isArray(resolved.enum)) return resolved.enum.map((value) => JSON.stringify(value)).join(' | ');
    return name ?? [resolved.type ?? 'any'].flat().join(' | ');
  };
  const rules = (schema: Schema) =>
    ['minLength', 'maxLength', 'minimum', 'maximum', 'maxItems', 'pattern', 'format', 'default']
      .filter((key) => schema[key] !== undefined)
      .map((key) => `${key} ${JSON.stringify(schema[key])}`)
      .join(', ');
  const fields = (schema: Schema): string => {
    const resolved = resolve(schema);
    if (!resolved.properties) return `<p><code>${escape(typeOf(schema))}</code></p>`;
    const required = new Set((resolved.required as string[] | undefined) ?? []);
    const rows = Object.entries(resolved.properties).map(
      ([name, property]) =>
        `<tr><td><code>${escape(name)}</code>${required.has(name) ? '' : ' <span class="muted">optional</span>'}</td>` +
        `<td><code>${escape(typeOf(property))}</code></td><td>${prose(property.description)} ` +
        `<span class="muted">${escape(rules(resolve(property)))}</span></td></tr>`,
    );
    return `<table><tr><th>Field</th><th>Type</th><th>Notes</th></tr>${rows.join('')}</table>`;
  };
  const content = (body: Json | undefined) => {
    const [mediaType, media] = Object.entries((body?.content ?? {}) as Record<string, { schema: Schema }>)[0] ?? [];
    return media ? `<p class="muted">${escape(mediaType)}</p>${fields(media.schema)}` : '';
  };

  const operations = Object.entries(document.paths as Record<string, Record<string, Json>>).flatMap(([path, item]) =>
    methods.filter((method) => item[method]).map((method) => ({ path, method, operation: item[method]! })),
  );
  const index = operations
    .map(({ path, method, operation }) =>
      `<li><a href="#${anchor(method, path)}"><span class="method ${method}">${method}</span> <span class="path">${escape(path)}</span></a> ${escape(operation.summary ?? '')}</li>`,
    )
    .join('');
  const sections = operations.map(({ path, method, operation }) => {
    const parameters = (operation.parameters ?? []) as (Json & { name: string; in: string; schema: Schema })[];
    const responses = Object.entries(operation.responses as Record<string, Json>);
    return `<section id="${anchor(method, path)}" class="operation">
<h2><span class="method ${method}">${method}</span> <span class="path">${escape(path)}</span></h2>
<p><strong>${escape(operation.summary ?? '')}</strong> ${prose(operation.description)}</p>
${operation.security ? '<p class="muted">Needs <code>Authorization: Bearer &lt;token&gt;</code>.</p>' : ''}
${parameters.length ? `<h3>Parameters</h3><table><tr><th>Name</th><th>In</th><th>Type</th><th>Notes</th></tr>${parameters.map((p) => `<tr><td><code>${escape(p.name)}</code>${p.required ? '' : ' <span class="muted">optional</span>'}</td><td>${escape(p.in)}</td><td><code>${escape(typeOf(p.schema))}</code></td><td>${prose(p.description ?? resolve(p.schema).description)} <span class="muted">${escape(rules(resolve(p.schema)))}</span></td></tr>`).join('')}</table>` : ''}
${operation.requestBody ? `<h3>Request body</h3>${content(operation.requestBody as Json)}` : ''}
<h3>Responses</h3>${responses
      .map(([status, response]) => `<details><summary><code>${escape(status)}</code> ${prose(response.description)}</summary>${content(response)}</details>`)
      .join('')}
</section>`;
  });

  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(info.title)} — API reference</title><style>${docsStyle}</style></head>
<body><header><h1>${escape(info.title)}</h1><p class="muted">Version ${escape(info.version)} · OpenAPI ${escape(document.openapi)} · <a href="/openapi.json">openapi.json</a></p>
<p>${prose(info.description)}</p></header>
<nav><h2>Operations</h2><ul>${index}</ul></nav>
<main>${sections.join('\n')}</main></body></html>`;
}
