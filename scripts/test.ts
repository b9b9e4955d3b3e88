// The one test command: Vitest (Node, Workers/D1, every entry point) and
// `bun test` (Bun, which Vitest cannot host), then one line per adapter and
// the total. A test's adapter is the `[name]` its title ends with. Lines a
// test prints as `figure [adapter]: …` are gathered into a Figures block.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every adapter must report tests: one that reports none fails the run
 * instead of vanishing. (postgres and hyperdrive report their tests skipped,
 * with the reason, where no PostgreSQL server answers; container where no
 * Docker daemon runs.)
 */
const expectedAdapters = ['bun', 'node', 'd1', 'pglite', 'postgres', 'hyperdrive', 'container'];

type Status = 'passed' | 'failed' | 'skipped';
interface Result {
  name: string;
  status: Status;
}

const root = join(import.meta.dirname, '..');
const results = join(root, '.test-results');
rmSync(results, { recursive: true, force: true });
mkdirSync(results);

const env = { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false' };
const figures: string[] = [];
/** Runs a test runner with its output shown as it comes, keeping the figure lines. */
function run(command: string, args: string[], cwd: string): Promise<number> {
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'inherit'] });
  createInterface({ input: child.stdout }).on('line', (line) => {
    console.log(line);
    // oxlint-disable-next-line no-control-regex -- runners may colour the line
    const plain = line.replaceAll(/\u001b\[[0-9;]*m/g, '').trim();
    if (/^figure \[[\w-]+\]: /.test(plain)) figures.push(plain.slice('figure '.length));
  });
  return new Promise((resolve) => child.once('close', (code) => resolve(code ?? 1)));
}

const bunExit = await run('bun', ['test', '--reporter=junit', `--reporter-outfile=${join(results, 'bun.xml')}`], join(root, 'apps/bun'));
const vitestExit = await run('vitest', ['run', '--reporter=verbose', '--reporter=json', `--outputFile.json=${join(results, 'vitest.json')}`], root);

const problems: string[] = [];
const all = [...readBun(join(results, 'bun.xml')), ...readVitest(join(results, 'vitest.json'))];
if (bunExit !== 0 && !all.some((r) => r.status === 'failed')) problems.push(`bun test exited with ${bunExit}`);
if (vitestExit !== 0 && !all.some((r) => r.status === 'failed')) problems.push(`vitest exited with ${vitestExit}`);

const tally = new Map<string, Record<Status, number>>(expectedAdapters.map((name) => [name, { passed: 0, failed: 0, skipped: 0 }]));
for (const result of all) {
  const adapter = /\[([\w-]+)\]/.exec(result.name)?.[1];
  if (!adapter) problems.push(`test without an [adapter] in its name: ${result.name}`);
  const counts = tally.get(adapter ?? 'untagged') ?? { passed: 0, failed: 0, skipped: 0 };
  // A declared gap says why in its name; a skip without one is a suite whose setup (a beforeAll) failed.
  if (result.status === 'skipped' && !result.name.includes('(skipped: ')) {
    result.status = 'failed';
    console.log(`skipped without a reason, so its setup failed: ${result.name}`);
  }
  counts[result.status]++;
  tally.set(adapter ?? 'untagged', counts);
  if (result.status === 'skipped') console.log(`skipped: ${result.name}`);
  if (result.status === 'failed') console.log(`FAILED: ${result.name}`);
}
for (const name of expectedAdapters) {
  const { passed, skipped } = tally.get(name)!;
  if (passed + skipped === 0) problems.push(`${name}: no test ran`);
}
for (const problem of problems) console.log(`ERROR: ${problem}`);

const line = ({ passed, failed, skipped }: Record<Status, number>) =>
  `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
const total = { passed: 0, failed: problems.length, skipped: 0 };
const summary = [...tally].map(([name, counts]) => {
  total.passed += counts.passed;
  total.failed += counts.failed;
  total.skipped += counts.skipped;
  return `${name}: ${line(counts)}`;
});
summary.push(line(total));
const figureBlock = figures.length ? `Figures:\n${figures.toSorted().map((text) => `  ${text}`).join('\n')}\n\n` : '';
// .ci/run prints it again as its own last lines.
writeFileSync(join(results, 'summary.txt'), `${figureBlock}${summary.join('\n')}\n`);
console.log(`\n${figureBlock}${summary.join('\n')}`);
process.exitCode = total.failed === 0 ? 0 : 1;

function readVitest(path: string): Result[] {
  const report = readJson(path) as {
    testResults?: { name: string; status: string; message: string; assertionResults: { fullName: string; status: string }[] }[];
  };
  return (report.testResults ?? []).flatMap((file) => {
    // A file that failed to load has no tests to count: it counts as one failure.
    if (file.status === 'failed' && file.assertionResults.length === 0) {
      problems.push(`${file.name} did not run: ${file.message}`);
    }
    return file.assertionResults.map((test) => ({ name: test.fullName, status: statusOf(test.status) }));
  });
}

function readBun(path: string): Result[] {
  const xml = readText(path);
  const cases = xml.matchAll(/<testcase name="([^"]*)"[^>]*?(\/>|>([\s\S]*?)<\/testcase>)/g);
  return [...cases].map(([, name = '', , inner = '']) => ({
    name: unescapeXml(name),
    status: inner.includes('<failure') || inner.includes('<error') ? 'failed' : inner.includes('<skipped') ? 'skipped' : 'passed',
  }));
}

function statusOf(status: string): Status {
  if (status === 'passed' || status === 'failed') return status;
  return 'skipped'; // skipped, pending, todo
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    problems.push(`no report at ${path}`);
    return '';
  }
}

function readJson(path: string): unknown {
  const text = readText(path);
  return text ? JSON.parse(text) : {};
}

function unescapeXml(text: string): string {
  return text
    .replaceAll('&quot;', '"')
    .replaceAll('&apos;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}
