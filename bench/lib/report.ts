// The bench's results as a Markdown table and an SVG chart, for the README.
import type { Sample } from './load.ts';

export interface Row {
  endpoint: string;
  server: string;
  median: Sample;
  /** Requests per second as a share of the reference server's (the runtime's bare baseline). */
  ratio: number | undefined;
  reference: string | undefined;
}

/** Microseconds to create a post in-process (bench/write-path). */
export interface WritePath {
  drizzleUs: number;
  rawUs: number;
  buildSqlUs: number;
}

export interface Target {
  name: string;
  measured: number;
  wanted: number;
  /** The measure is a cost (a latency ratio): met at or below `wanted`. */
  atMost?: boolean;
}

const fixed = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export function markdown(
  rows: Row[],
  rss: Record<string, number>,
  starts: Record<string, number>,
  targets: Target[],
  footer: string,
  references: Record<string, string>,
  writePaths: Record<string, WritePath>,
): string {
  const table = [
    '| Endpoint | Server | Requests/s | p50 | p99 | Errors | vs. |',
    '| --- | --- | ---: | ---: | ---: | ---: | --- |',
    ...rows.map(
      ({ endpoint, server, median, ratio, reference }) =>
        `| ${endpoint} | ${server} | ${fixed(median.requestsPerSecond)} | ${fixed(median.p50Ms, 2)} ms | ${fixed(median.p99Ms, 2)} ms | ${median.errors} | ${ratio === undefined ? '' : `${fixed(ratio, 2)} × ${reference}`} |`,
    ),
  ];
  const targetTable = [
    '| Target | Wanted | Measured | |',
    '| --- | ---: | ---: | --- |',
    ...targets.map(({ name, measured, wanted, atMost }) => {
      const verdict = atMost
        ? measured <= wanted
          ? 'met'
          : `missed by ${fixed((measured / wanted - 1) * 100)} %`
        : measured >= wanted
          ? 'met'
          : `missed by ${fixed((1 - measured / wanted) * 100)} %`;
      return `| ${name} | ${atMost ? '≤' : '≥'} ${fixed(wanted, 2)} | ${fixed(measured, 2)} | ${verdict} |`;
    }),
  ];
  const servers = Object.keys(rss);
  const resources = [
    '| Server | Peak RSS after load | vs. | Start to first 200 |',
    '| --- | ---: | --- | ---: |',
    ...servers.map((server) => {
      const reference = references[server];
      const ratio = reference === undefined ? '' : `${fixed(rss[server]! / rss[reference]!, 2)} × ${reference}`;
      return `| ${server} | ${fixed(rss[server]!)} MiB | ${ratio} | ${starts[server] === undefined ? '' : `${fixed(starts[server]!)} ms`} |`;
    }),
    ...Object.entries(starts)
      .filter(([name]) => !servers.includes(name))
      .map(([name, ms]) => `| ${name} | | | ${fixed(ms)} ms |`),
  ];
  const writes = [
    '| Creating a post, in-process | Through the app (Drizzle, `atomically`) | The same SQL, prepared, raw | Drizzle building the INSERT alone |',
    '| --- | ---: | ---: | ---: |',
    ...Object.entries(writePaths).map(
      ([runtime, { drizzleUs, rawUs, buildSqlUs }]) => `| ${runtime} | ${fixed(drizzleUs)} µs | ${fixed(rawUs)} µs | ${fixed(buildSqlUs)} µs |`,
    ),
  ];
  return `${targetTable.join('\n')}\n\n${table.join('\n')}\n\n${resources.join('\n')}\n\n${writes.join('\n')}\n\n${footer}\n`;
}

const palette = ['#0969da', '#8c959f', '#1a7f37', '#afb8c1', '#bf3989'];

/** Grouped bars: requests per second, one group per endpoint, one bar per server. */
export function chart(rows: Row[], title: string): string {
  const endpoints = [...new Set(rows.map((row) => row.endpoint))];
  const servers = [...new Set(rows.map((row) => row.server))];
  const max = Math.max(...rows.map((row) => row.median.requestsPerSecond));
  const [width, barHeight, gap, left, top] = [900, 14, 14, 210, 40];
  const groupHeight = servers.length * barHeight + gap;
  const height = top + endpoints.length * groupHeight + 30 + servers.length * 18;
  const bars = endpoints.flatMap((endpoint, e) =>
    servers.map((server, s) => {
      const row = rows.find((r) => r.endpoint === endpoint && r.server === server);
      if (!row) return '';
      const y = top + e * groupHeight + s * barHeight;
      const w = ((width - left - 90) * row.median.requestsPerSecond) / max;
      return `<rect x="${left}" y="${y}" width="${w.toFixed(1)}" height="${barHeight - 2}" fill="${palette[s % palette.length]}"/>` +
        `<text x="${(left + w + 4).toFixed(1)}" y="${y + barHeight - 4}" font-size="10">${fixed(row.median.requestsPerSecond)}</text>`;
    }),
  );
  const labels = endpoints.map((endpoint, e) => `<text x="${left - 8}" y="${top + e * groupHeight + (servers.length * barHeight) / 2 + 4}" font-size="12" text-anchor="end">${endpoint.replaceAll('&', '&amp;').replaceAll('<', '&lt;')}</text>`);
  const legendTop = top + endpoints.length * groupHeight + 10;
  const legend = servers.map((server, s) => `<rect x="${left}" y="${legendTop + s * 18}" width="12" height="12" fill="${palette[s % palette.length]}"/><text x="${left + 18}" y="${legendTop + s * 18 + 10}" font-size="12">${server}</text>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="system-ui, sans-serif">
<rect width="100%" height="100%" fill="white"/>
<text x="${left}" y="24" font-size="15" font-weight="600">${title}</text>
${[...labels, ...bars, ...legend].join('\n')}
</svg>
`;
}
