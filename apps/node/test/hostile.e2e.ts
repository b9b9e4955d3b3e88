import { describeHostileSockets } from '@anywhere/contract/hostile-sockets/suite';
import { describeRequestLines } from '@anywhere/contract/hostile-sockets/request-lines';

// The Node binary itself, not the node_modules/.bin shell shim, so signals reach the server.
const runtime = { name: 'node', command: process.execPath };
const app = new URL('..', import.meta.url);
describeHostileSockets({ adapter: 'node', runtime, app });

// node:http's parser (llhttp) answers every one of these 400 before the app runs (docs/reliability.md).
const badRequest = 'HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n';
describeRequestLines({
  adapter: 'node',
  runtime,
  app,
  changed: 'Node changed: update docs/reliability.md',
  expected: {
    'a space in the target': badRequest,
    'a NUL byte in the target': badRequest,
    'text after the version': badRequest,
    'a lowercase version': badRequest,
    'HTTP/1.2': badRequest,
    'an unknown method': badRequest,
    'a lowercase method': badRequest,
  },
});
