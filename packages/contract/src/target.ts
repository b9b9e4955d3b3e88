import type { DatabaseAdapter } from '@anywhere/core';

/** Behaviour that some adapters cannot have; each gap is declared with its reason. */
export type Capability = 'file-pragmas' | 'graceful-shutdown' | 'short-rate-limit-periods';

export type Fetch = (request: Request) => Promise<Response>;

export interface Named {
  /** Shown at the end of every test name, e.g. `[d1]`. */
  adapter: string;
  /** Capabilities this adapter lacks, each with why; their tests report as skipped with that reason. */
  unsupported?: Partial<Record<Capability, string>>;
}

/** One adapter under test: its app over HTTP semantics, and its database below. */
export interface ContractTarget<Env> extends Named {
  /** The app as its runtime serves it, configured with `adminToken`. */
  fetch: Fetch;
  /** The ADMIN_TOKEN `fetch` was configured with. */
  adminToken: string;
  /** An app on the same database, configured from these variables instead (CORS, limits, no admin token). */
  withSettings(settings: Record<string, string>): Fetch;
  /** An app on a database no migration has touched: every query fails inside the driver. */
  withoutSchema: Fetch;
  database: DatabaseAdapter<Env>;
  env: Env;
}
