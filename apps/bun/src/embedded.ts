// What a single executable embeds, and how the code finds it again. `bun
// build --compile --asset-naming=[dir]/[name].[ext]` keeps each embedded
// file's folder, so a migrations folder stays a folder that Drizzle reads.
import { dirname } from 'node:path';

/** The migrations folder of an embedded journal (<folder>/meta/_journal.json). */
export const folderOf = (journal: string) => dirname(dirname(journal));

export interface PgliteFiles {
  pgliteWasm: string;
  initdbWasm: string;
  fsBundle: string;
}

const compile = async (path: string) => WebAssembly.compile(await Bun.file(path).arrayBuffer());

/** PGlite's WASM modules and file system bundle, from embedded files (it cannot find them in a bundle itself: pglite#414, #478). */
export async function loadPglite({ pgliteWasm, initdbWasm, fsBundle }: PgliteFiles) {
  const [pgliteWasmModule, initdbWasmModule] = await Promise.all([compile(pgliteWasm), compile(initdbWasm)]);
  return { pgliteWasmModule, initdbWasmModule, fsBundle: Bun.file(fsBundle) };
}
