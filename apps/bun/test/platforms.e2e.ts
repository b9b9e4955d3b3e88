import { matrix } from '@anywhere/contract';
import { runStopRestart } from '@anywhere/contract/artifact';
import { formatOf, hasCodeSignature, missingFrom } from '@anywhere/contract/executable-format';
import { figure } from '@anywhere/contract/figures';
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { executableName, platforms, type Platform, type Variant } from '../scripts/platforms.ts';

// Every platform's executables, from `pnpm build` (build-binary.ts --all), as a release ships them:
// into a folder of this test's own, as the container suite rebuilds the Linux ones in dist/ meanwhile.
const app = fileURLToPath(new URL('..', import.meta.url));
const dist = mkdtempSync(join(tmpdir(), 'anywhere-platforms-'));
afterAll(() => rmSync(dist, { recursive: true, force: true }));
const adminToken = crypto.randomUUID() + crypto.randomUUID();
const adapterOf = (variant: Variant) => (variant === 'anywhere' ? 'bun' : 'pglite');

// Debian's qemu-user runs an arm64 executable here, its glibc from libc6-arm64-cross.
const arm64Sysroot = '/usr/aarch64-linux-gnu';
/** Why the arm64 executable cannot run here; CI sets ANYWHERE_REQUIRE_QEMU to make that a failure. */
const noQemu = (() => {
  let reason: string | undefined;
  try {
    execFileSync('qemu-aarch64', ['--version'], { stdio: 'ignore' });
    if (!existsSync(join(arm64Sysroot, 'lib/ld-linux-aarch64.so.1'))) reason = `no arm64 glibc at ${arm64Sysroot} (apt-get install libc6-arm64-cross)`;
  } catch {
    reason = 'no qemu-aarch64 to run a linux-arm64 executable (apt-get install qemu-user libc6-arm64-cross)';
  }
  if (reason && process.env.ANYWHERE_REQUIRE_QEMU) throw new Error(reason);
  return reason;
})();

beforeAll(() => promisify(execFile)(process.execPath, ['scripts/build-binary.ts', '--all', '--outdir', dist], { cwd: app }), 300_000);

const pglite = (file: string) => createRequire(join(app, '../../packages/postgres/package.json')).resolve(`@electric-sql/pglite/${file}`);
const migrations = join(app, '../../packages/core/migrations');
/** What each executable must carry inside: every migration, and for PGlite its WASM and data. */
const embeds = (variant: Variant) => [
  ...readdirSync(migrations, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.sql') || file.endsWith('_journal.json'))
    .map((file) => join(migrations, file)),
  ...(variant === 'anywhere-pglite' ? ['pglite.wasm', 'initdb.wasm', 'pglite.data'].map(pglite) : []),
];
const formats: Record<string, string> = { linux: 'elf', darwin: 'mach-o', windows: 'pe' };

// The sidecar smoke test: flags, the ready line, a write, SIGTERM exits 0, a restart keeps the write.
const sidecar = (platform: Platform, run: (executable: string) => { command: string; args: string[] }) => async () => {
  const directory = mkdtempSync(join(tmpdir(), `anywhere-${platform}-`));
  const executable = join(directory, 'anywhere');
  copyFileSync(join(dist, executableName('anywhere', platform)), executable);
  const { command, args } = run(executable);
  const dataDir = join(directory, 'app-data');
  const flags = ['--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir];
  const env = { PATH: '/usr/bin:/bin', ADMIN_TOKEN: adminToken };
  const [first, second] = await runStopRestart({ command, args: [...args, ...flags], cwd: directory, env, adminToken, timeoutMs: 120_000 });
  expect(readdirSync(dataDir)).toContain('anywhere.db');
  figure('bun', `${executableName('anywhere', platform)}: ${Math.round(first!.firstResponseMs)} ms to a 200 on a new database, ${Math.round(second!.firstResponseMs)} ms on restart`);
};

describe('executables for every platform', () => {
  for (const variant of ['anywhere', 'anywhere-pglite'] as const) {
    const { test } = matrix({ adapter: adapterOf(variant) });

    test(`dist/SHA256SUMS holds the checksum of every platform's ${variant}`, () => {
      const listed = Object.fromEntries(readFileSync(join(dist, 'SHA256SUMS'), 'utf8').trim().split('\n').map((line) => line.split('  ').toReversed()));
      const names = platforms.map((platform) => executableName(variant, platform));
      const actual = Object.fromEntries(names.map((name) => [name, createHash('sha256').update(readFileSync(join(dist, name))).digest('hex')]));
      expect(Object.fromEntries(names.map((name) => [name, listed[name]]))).toEqual(actual);
    });

    for (const platform of platforms) {
      const name = executableName(variant, platform);
      const [os, arch] = platform.split('-') as [string, string];
      test(`${name} is a ${os} ${arch} executable${os === 'darwin' ? ', code-signed,' : ''} that embeds every migration${variant === 'anywhere-pglite' ? " and PGlite's WASM and data" : ''}`, () => {
        const bytes = readFileSync(join(dist, name));
        expect(formatOf(bytes)).toEqual({ kind: formats[os], arch });
        if (os === 'darwin') expect(hasCodeSignature(bytes)).toBe(true);
        expect(missingFrom(bytes, embeds(variant))).toEqual([]);
        // The app itself, not only its files: a string of its own command line.
        expect(bytes.includes('anywhere health')).toBe(true);
      });
    }
  }

  const { test, testUnless } = matrix({ adapter: 'bun' });
  test('anywhere-linux-x64 passes the sidecar smoke test', sidecar('linux-x64', (executable) => ({ command: executable, args: [] })));
  testUnless(
    noQemu,
    'anywhere-linux-arm64 passes the same sidecar smoke test under qemu-user',
    sidecar('linux-arm64', (executable) => ({ command: 'qemu-aarch64', args: ['-L', arm64Sysroot, executable] })),
    180_000,
  );
});
