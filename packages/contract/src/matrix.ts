import { it } from 'vitest';
import type { Capability, Named } from './target.ts';

type Body = () => Promise<void> | void;

/** Tests whose names end with the adapter they ran on: `POST /posts rejects an empty title [d1]`. */
export function matrix({ adapter, unsupported = {} }: Named) {
  const named = (title: string) => `${title} [${adapter}]`;
  /** Skipped, with the reason in its name, when there is a reason; run otherwise. */
  const testUnless = (reason: string | undefined, title: string, body: Body, timeoutMs?: number) => {
    if (reason) it.skip(`${named(title)} (skipped: ${reason})`, body);
    else it(named(title), body, timeoutMs);
  };
  return {
    /** `timeoutMs` for the few tests that run long on purpose (property runs), beyond every runner's default. */
    test: (title: string, body: Body, timeoutMs?: number) => it(named(title), body, timeoutMs),
    testUnless,
    /** A test of a capability the adapter may lack: skipped, with the reason in its name, when it does. */
    testIf: (capability: Capability, title: string, body: Body) =>
      testUnless(unsupported[capability] && `unsupported: ${unsupported[capability]}`, title, body),
  };
}
