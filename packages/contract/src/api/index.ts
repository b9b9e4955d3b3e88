import { fixtures } from '../fixtures.ts';
import { client } from '../http.ts';
import { matrix } from '../matrix.ts';
import type { ContractTarget } from '../target.ts';
import { describeAuthMatrix } from './auth-matrix.ts';
import { describeAuthorsAndTokens } from './authors.ts';
import { describeConcurrentWrites } from './concurrent-writes.ts';
import { describeConditionalRequests } from './conditional.ts';
import type { SuiteContext } from './context.ts';
import { describeDisclosure } from './disclosure.ts';
import { describeHardening } from './hardening.ts';
import { describeHostileInput } from './hostile.ts';
import { describeListing } from './listing.ts';
import { describeOperations } from './operations.ts';
import { describePostCreation } from './post-creation.ts';
import { describePosts } from './posts.ts';
import { describeRateLimits } from './rate-limits.ts';

/** The HTTP contract every adapter must pass, written once. */
export function describeApiContract<Env>(target: ContractTarget<Env>): void {
  const api = client(target.fetch);
  const context: SuiteContext = {
    ...matrix(target),
    api,
    make: fixtures(api, target.adminToken),
    target: target as ContractTarget<unknown>,
  };
  describeOperations(context);
  describeHardening(context);
  describeAuthorsAndTokens(context);
  describeAuthMatrix(context);
  describeDisclosure(context);
  describePostCreation(context);
  describePosts(context);
  describeConditionalRequests(context);
  describeConcurrentWrites(context);
  describeListing(context);
  describeRateLimits(context);
  describeHostileInput(context);
}
