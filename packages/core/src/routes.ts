import { authorRoutes } from './authors/routes.ts';
import { healthRoutes } from './health/routes.ts';
import { postRoutes } from './posts/routes.ts';
import { tagRoutes } from './tags/routes.ts';
import { tokenRoutes } from './tokens/routes.ts';

/** Every route the API serves, each with the operation that documents it. */
export const routes = [...healthRoutes, ...authorRoutes, ...tokenRoutes, ...postRoutes, ...tagRoutes] as const;
