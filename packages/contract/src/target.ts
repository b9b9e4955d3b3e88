import type { DatabaseAdapter } from '@anywhere/core';

/** Behaviour that some adapters cannot have; each gap is declared with its reason. */
export type Capability = 'file-pragmas' | 'graceful-shutdown';

export interface Named {
  /** Shown at the end of every test name, e.g. `[d1]`. */
  adapter: string;
  /** Capabilities this adapter lacks, each with why; their tests report as skipped with that reason. */
  unsupported?: Partial<Record<Capability, string>>;
}

/** The API as a request-to-response function: in-process, a spawned server or a Worker. */
export interface ApiTarget extends Named {
  fetch(request: Request): Promise<Response>;
}

/** An adapter driven directly, below HTTP. */
export interface AdapterTarget<Env> extends Named {
  database: DatabaseAdapter<Env>;
  env: Env;
}
