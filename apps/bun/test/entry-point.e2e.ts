import { describeServerEntryPoint } from '@anywhere/contract/entry-point';
import { createRequire } from 'node:module';

// The Bun binary itself, not the node_modules/.bin shell shim, so signals reach the server.
const bun = createRequire(import.meta.url).resolve('bun/bin/bun.exe');

describeServerEntryPoint('bun', bun, new URL('..', import.meta.url));
