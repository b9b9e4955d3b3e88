// bun write-path/group-sizes-bun.ts [requests] [connections] [caps]: group sizes over sockets on Bun.serve and bun:sqlite (see group-sizes.ts).
import { createBunSqliteAdapter } from '../../apps/bun/src/database.ts';
import * as native from '../../apps/bun/src/native.ts';
import { bunRoutes } from '../../apps/bun/src/routes.ts';
import { migratedCopies } from './copies.ts';
import { measureGroupSizes } from './group-sizes.ts';

const copies = await migratedCopies(createBunSqliteAdapter);
await measureGroupSizes(
  copies,
  native,
  async (app) => {
    const server = Bun.serve({ port: 0, hostname: '127.0.0.1', routes: bunRoutes(app.table), fetch: app.fetch });
    return { url: server.url.href, stop: () => server.stop() };
  },
  process.argv.slice(2),
);
copies.dispose();
