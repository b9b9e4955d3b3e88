// Fails when packages/core's schema and its committed migrations disagree:
// drizzle-kit generates against a copy of the folder, and any new file is drift.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const core = join(import.meta.dirname, '../packages/core');
const drizzleKit = join(core, 'node_modules/drizzle-kit/bin.cjs'); // not in the package's exports
const dialects = [
  { dialect: 'sqlite', schema: 'src/schema/sqlite.ts', out: 'migrations/sqlite' },
  { dialect: 'postgresql', schema: 'src/schema/pg.ts', out: 'migrations/pg' },
];

const files = (dir: string) => readdirSync(dir, { recursive: true, encoding: 'utf8' }).toSorted();
let failed = false;

for (const { dialect, schema, out } of dialects) {
  const copy = mkdtempSync(join(tmpdir(), `anywhere-drift-${dialect}-`));
  try {
    cpSync(join(core, out), copy, { recursive: true });
    const before = new Set(files(copy));
    // drizzle-kit takes --out relative to the working directory only.
    const args = [drizzleKit, 'generate', `--dialect=${dialect}`, `--schema=${schema}`, `--out=${relative(core, copy)}`];
    const run = spawnSync(process.execPath, args, { cwd: core, encoding: 'utf8' });
    const output = `${run.stdout}${run.stderr}`;
    const added = files(copy).filter((file) => !before.has(file) && file.endsWith('.sql'));

    if (added.length > 0) {
      failed = true;
      console.error(`${dialect}: ${schema} has changes that ${out} lacks. Run \`pnpm db:generate\` and commit the result:`);
      for (const file of added) console.error(`--- ${file}\n${readFileSync(join(copy, file), 'utf8')}`);
    } else if (run.status === 0 && output.includes('No schema changes')) {
      console.log(`${dialect}: ${schema} matches ${out}`);
    } else {
      // drizzle-kit can print an error and still exit 0: only its own "no changes" counts as a pass.
      failed = true;
      console.error(`${dialect}: drizzle-kit could not compare the schema with ${out}:\n${output}`);
    }
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}
process.exitCode = failed ? 1 : 0;
