import { describeHostileSockets } from '@anywhere/contract/hostile-sockets/suite';
import { createRequire } from 'node:module';

// The Bun binary itself, not the node_modules/.bin shell shim, so signals reach the server.
const runtime = { name: 'bun', command: createRequire(import.meta.url).resolve('bun/bin/bun.exe') };
describeHostileSockets({ adapter: 'bun', runtime, app: new URL('..', import.meta.url) });
