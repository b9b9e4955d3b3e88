// node write-path/group-sizes-node.ts [requests] [connections] [caps]: group sizes over sockets on @hono/node-server and better-sqlite3 (see group-sizes.ts).
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { readBody } from '../../apps/node/src/body.ts';
import { createBetterSqliteAdapter } from '../../apps/node/src/database.ts';
import { sha256Hex } from '../../apps/node/src/native.ts';
import { migratedCopies } from './copies.ts';
import { measureGroupSizes } from './group-sizes.ts';

const copies = await migratedCopies(createBetterSqliteAdapter);
await measureGroupSizes(
  copies,
  { sha256Hex, readBody },
  (app) =>
    new Promise((resolve) => {
      const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, ({ port }: AddressInfo) =>
        resolve({ url: `http://127.0.0.1:${port}/`, stop: () => new Promise((done) => server.close(done)) }),
      );
    }),
  process.argv.slice(2),
);
copies.dispose();
