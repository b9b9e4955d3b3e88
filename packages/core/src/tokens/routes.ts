import { eq } from 'drizzle-orm';
import * as z from 'zod';
import { issueToken } from '../auth/tokens.ts';
import { operation, problems } from '../http/openapi.ts';
import { iso, timestamp } from '../http/params.ts';
import { reply, route } from '../http/route.ts';
import { writeOne } from '../writes.ts';

const issuedTokenSchema = z
  .object({
    token: z.string().meta({ description: 'Shown this once; stored only as a hash.' }),
    createdAt: timestamp,
  })
  .meta({ id: 'IssuedToken' });

const issue = operation({
  method: 'post',
  path: '/tokens',
  operationId: 'createToken',
  tag: 'Tokens',
  summary: 'Issue another token for the calling author',
  auth: 'author',
  responses: { 201: { description: 'The new token.', schema: issuedTokenSchema }, ...problems(401, 403) },
});

const revokeCurrent = operation({
  method: 'delete',
  path: '/tokens/current',
  operationId: 'revokeCurrentToken',
  tag: 'Tokens',
  summary: 'Revoke the token this request was sent with',
  auth: 'author',
  responses: { 204: { description: 'Revoked: the token no longer authenticates anything.' }, ...problems(401, 403) },
});

export const tokenRoutes = [
  route(issue, async ({ database, caller }) => {
    const { token, selector, verifierHash } = issueToken();
    const createdAt = new Date();
    await writeOne(database, (db) => db.insert(database.schema.tokens).values({ authorId: caller.authorId, selector, verifierHash, createdAt }));
    return reply(201, { token, createdAt: iso(createdAt) });
  }),
  route(revokeCurrent, async ({ database, caller }) => {
    const { tokens } = database.schema;
    await writeOne(database, (db) => db.update(tokens).set({ revokedAt: new Date() }).where(eq(tokens.selector, caller.tokenSelector)));
    return reply(204);
  }),
] as const;
