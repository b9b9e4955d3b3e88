import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import * as z from 'zod';
import type { AppEnv } from '../app-env.ts';
import { requireAuthor } from '../auth/middleware.ts';
import { issueToken } from '../auth/tokens.ts';
import { honoPath, operation, problems } from '../http/openapi.ts';
import { iso, timestamp } from '../http/params.ts';

const issuedTokenSchema = z
  .object({
    token: z.string().meta({ description: 'Shown this once; stored only as a hash.' }),
    createdAt: timestamp,
  })
  .meta({ id: 'IssuedToken' });

const issue = operation({
  method: 'post',
  path: '/tokens',
  tag: 'Tokens',
  summary: 'Issue another token for the calling author',
  bearer: true,
  responses: { 201: { description: 'The new token.', schema: issuedTokenSchema }, ...problems(401, 403) },
});

const revokeCurrent = operation({
  method: 'delete',
  path: '/tokens/current',
  tag: 'Tokens',
  summary: 'Revoke the token this request was sent with',
  bearer: true,
  responses: { 204: { description: 'Revoked: the token no longer authenticates anything.' }, ...problems(401, 403) },
});

export const tokenOperations = [issue, revokeCurrent];

export const tokensRoutes = new Hono<AppEnv>()
  .post(honoPath(issue.path), requireAuthor, async (c) => {
    const { token, selector, verifierHash } = issueToken();
    const createdAt = new Date();
    const { db, schema } = c.var.database;
    await db.insert(schema.tokens).values({ authorId: c.var.author.authorId, selector, verifierHash, createdAt });
    return c.json({ token, createdAt: iso(createdAt) }, 201);
  })
  .delete(honoPath(revokeCurrent.path), requireAuthor, async (c) => {
    const { db, schema } = c.var.database;
    const { tokens } = schema;
    await db.update(tokens).set({ revokedAt: new Date() }).where(eq(tokens.selector, c.var.author.tokenSelector));
    return c.body(null, 204);
  });
