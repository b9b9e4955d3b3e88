// pnpm --filter @anywhere/node build: the Node app as a self-contained folder,
// dist/, to copy to a server and run with production dependencies only:
//   dist/app/main.js     the app and every pure-JS dependency, bundled
//   dist/migrations/     core's migration folders, where the bundle looks for them
//   dist/package.json    the few dependencies left outside the bundle, pinned
// Outside the bundle: what loads native code (better-sqlite3) or files of its
// own (PGlite's WASM and data), and pg, whose optional native half stays out.
import { build } from 'esbuild';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const app = join(import.meta.dirname, '..');
const dist = join(app, 'dist');
const external = ['better-sqlite3', '@electric-sql/pglite', 'pg'];
rmSync(dist, { recursive: true, force: true });

await build({
  entryPoints: [join(app, 'src/main.ts')],
  outfile: join(dist, 'app/main.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  minify: true,
  sourcemap: true,
  external,
  // Bundled CommonJS may still call require().
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  logLevel: 'warning',
});
// Core looks for ../migrations beside the module that holds it: dist/app/main.js.
cpSync(join(app, '../../packages/core/migrations'), join(dist, 'migrations'), { recursive: true });

// The versions installed here, exactly: the lockfile's.
const core = join(app, '../../packages/core');
const installed = (name: string, from = app) => {
  const require = createRequire(join(from, 'package.json'));
  const manifest = join(require.resolve(name).split(`/node_modules/${name}/`)[0]!, 'node_modules', name, 'package.json');
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
};
const manifest = {
  name: 'anywhere-node',
  private: true,
  type: 'module',
  engines: { node: '>=22.12' },
  scripts: { start: 'node app/main.js' },
  // Swagger UI's files, which /docs reads from where core resolves them.
  dependencies: Object.fromEntries([...external.map((name) => [name, installed(name)]), ['swagger-ui-dist', installed('swagger-ui-dist', core)]]),
};
writeFileSync(join(dist, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`built ${dist}: npm install --omit=dev there, then npm start`);
