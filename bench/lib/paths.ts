import { createRequire } from 'node:module';
import { join } from 'node:path';

export const root = join(import.meta.dirname, '../..');
export const bench = join(import.meta.dirname, '..');
export const bun = createRequire(join(bench, 'package.json')).resolve('bun/bin/bun.exe');
export const node = process.execPath;
