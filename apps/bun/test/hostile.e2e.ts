import { describeHostileSockets } from '@anywhere/contract/hostile-sockets/suite';
import { describeRequestLines } from '@anywhere/contract/hostile-sockets/request-lines';
import { createRequire } from 'node:module';

// The Bun binary itself, not the node_modules/.bin shell shim, so signals reach the server.
const runtime = { name: 'bun', command: createRequire(import.meta.url).resolve('bun/bin/bun.exe') };
const app = new URL('..', import.meta.url);
describeHostileSockets({ adapter: 'bun', runtime, app });

// Bun's own parser (uWebSockets) answers these before the app runs, and no Bun.serve option changes
// it: a runtime gap, documented in docs/reliability.md with these bytes (oven-sh/bun#19326, #6556).
const versionNotSupported = 'HTTP/1.1 505 HTTP Version Not Supported\r\nConnection: close\r\n\r\n';
describeRequestLines({
  adapter: 'bun',
  runtime,
  app,
  changed: 'Bun changed: update docs/reliability.md',
  expected: {
    'a space in the target': versionNotSupported,
    'a NUL byte in the target': versionNotSupported,
    'text after the version': versionNotSupported,
    'a lowercase version': versionNotSupported,
    'HTTP/1.2': versionNotSupported,
    'an unknown method': '',
    'a lowercase method': '',
  },
});
