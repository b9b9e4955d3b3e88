import { describeHostileSockets } from '@anywhere/contract/hostile-sockets/suite';

// The Node binary itself, not the node_modules/.bin shell shim, so signals reach the server.
describeHostileSockets({ adapter: 'node', runtime: { name: 'node', command: process.execPath }, app: new URL('..', import.meta.url) });
