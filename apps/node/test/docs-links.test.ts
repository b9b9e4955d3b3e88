// Every relative link and anchor in README.md and docs/*.md leads somewhere:
// a file that exists, and a heading that exists in it, slugged as GitHub does.
// External links are checked for form only: this machine has no network.
import { matrix } from '@anywhere/contract';
import GithubSlugger from 'github-slugger';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const documents = ['README.md', ...readdirSync(join(root, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)];

const withoutFences = (markdown: string) => markdown.replaceAll(/^```[\s\S]*?^```/gm, '');
/** The text a reader sees as prose: fenced blocks and inline code removed, so `# a comment` in bash is no heading. */
const prose = (markdown: string) => withoutFences(markdown).replaceAll(/`[^`\n]*`/g, '``');
/** A heading's rendered text: link text kept, code and emphasis marks dropped (underscores stay, as in `DATABASE_URL`). */
const rendered = (heading: string) => heading.replaceAll(/\[([^\]]*)\]\([^)]*\)/g, '$1').replaceAll(/[`*]/g, '');

/** GitHub's anchors for a file's headings, duplicates numbered as GitHub numbers them. */
function anchorsOf(markdown: string): Set<string> {
  const slugger = new GithubSlugger();
  const headings = withoutFences(markdown).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm);
  return new Set([...headings].map(([, heading = '']) => slugger.slug(rendered(heading))));
}

/** Every link target in a file: [text](target), ![alt](target) and <https://…>. */
function linksOf(markdown: string): string[] {
  const text = prose(markdown);
  const inline = [...text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map(([, target = '']) => target);
  const auto = [...text.matchAll(/<(https?:\/\/[^>\s]+)>/g)].map(([, target = '']) => target);
  return [...inline, ...auto];
}

/** Why a link does not resolve, or undefined when it does. */
function brokenBecause(from: string, target: string): string | undefined {
  if (/^[a-z][a-z+.-]*:/i.test(target)) {
    if (!/^https?:\/\//.test(target)) return 'not an http(s) link';
    try {
      return new URL(target).hostname.includes('.') ? undefined : 'no host';
    } catch {
      return 'not a URL';
    }
  }
  const [path = '', anchor] = target.split('#');
  const file = path === '' ? join(root, from) : join(root, dirname(from), decodeURIComponent(path));
  if (relative(root, file).startsWith('..')) return 'outside the repository';
  if (!existsSync(file)) return 'no such file';
  if (anchor === undefined) return undefined;
  if (!file.endsWith('.md') || statSync(file).isDirectory()) return 'an anchor into a file that is not Markdown';
  return anchorsOf(readFileSync(file, 'utf8')).has(decodeURIComponent(anchor)) ? undefined : `no heading #${anchor}`;
}

describe('documentation links', () => {
  const { test } = matrix({ adapter: 'node' });

  test('the slugger gives GitHub’s anchors, and fenced code holds no headings', () => {
    expect([...anchorsOf('# Reliability and security\n## Several machines: `compose.yaml`\n## D1’s limits\n```bash\n# not a heading\n```\n## Reliability and security\n')]).toEqual([
      'reliability-and-security',
      'several-machines-composeyaml',
      'd1s-limits',
      'reliability-and-security-1',
    ]);
    expect(linksOf('[a](docs/api.md#x) `[b](c.md)` ![c](d.svg "t") <https://e.example/>\n```\n[f](g.md)\n```')).toEqual(['docs/api.md#x', 'd.svg', 'https://e.example/']);
  });

  test('the check finds a missing file, a missing heading and a malformed URL', () => {
    expect(brokenBecause('README.md', 'docs/absent.md')).toBe('no such file');
    expect(brokenBecause('README.md', 'docs/api.md#no-such-heading')).toBe('no heading #no-such-heading');
    expect(brokenBecause('docs/api.md', '../README.md#quick-start')).toBeUndefined();
    expect(brokenBecause('README.md', 'https://')).toBe('not a URL');
    expect(brokenBecause('README.md', 'ftp://example.com/')).toBe('not an http(s) link');
  });

  for (const document of documents) {
    test(`every link in ${document} resolves`, () => {
      const links = linksOf(readFileSync(join(root, document), 'utf8'));
      expect(links.length).toBeGreaterThan(0);
      const broken = links.flatMap((target) => {
        const reason = brokenBecause(document, target);
        return reason ? [`${target}: ${reason}`] : [];
      });
      expect(broken).toEqual([]);
    });
  }

  test('README.md links every docs/ file', () => {
    const linked = new Set(linksOf(readFileSync(join(root, 'README.md'), 'utf8')).map((target) => target.split('#')[0]));
    expect(documents.filter((document) => document !== 'README.md' && !linked.has(document))).toEqual([]);
  });
});
