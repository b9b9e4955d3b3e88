import { describeServerEntryPoint } from '@anywhere/contract/entry-point';

// The Node binary itself, not the node_modules/.bin shell shim, so signals reach the server.
describeServerEntryPoint('node', process.execPath, new URL('..', import.meta.url));
