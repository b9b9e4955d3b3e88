import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import * as z from 'zod';
import type { AppEnv } from '../app-env.ts';
import { requireAuthor } from '../auth/middleware.ts';
import { issueToken } from '../auth/tokens.ts';
import { bearer, json, problems } from '../http/openapi.ts';
import { iso, timestamp } from '../http/params.ts';

const issuedTokenSchema = z
  .object({
    token: z.string().meta({ description: 'Shown this once; stored only as a hash.' }),
    createdAt: timestamp,
  })
  .meta({ id: 'IssuedToken' });

const issue = createRoute({
  method: 'post',
  path: '/',
  tags: ['Tokens'],
  summary: 'Issue another token for the calling author',
  security: bearer,
  middleware: [requireAuthor] as const,
  responses: { 201: json(issuedTokenSchema, 'The new token.'), ...problems(401, 403) },
});

const revokeCurrent = createRoute({
  method: 'delete',
  path: '/current',
  tags: ['Tokens'],
  summary: 'Revoke the token this request was sent with',
  security: bearer,
  middleware: [requireAuthor] as const,
  responses: { 204: { description: 'Revoked: the token no longer authenticates anything.' }, ...problems(401, 403) },
});

export const tokensRoutes = new OpenAPIHono<AppEnv>()
  .openapi(issue, async (c) => {
    const { token, selector, verifierHash } = await issueToken();
    const createdAt = new Date();
    const { db, schema } = c.var.database;
    await db.insert(schema.tokens).values({ authorId: c.var.author.authorId, selector, verifierHash, createdAt });
    return c.json({ token, createdAt: iso(createdAt) }, 201);
  })
  .openapi(revokeCurrent, async (c) => {
    const { db, schema } = c.var.database;
    const { tokens } = schema;
    await db.update(tokens).set({ revokedAt: new Date() }).where(eq(tokens.selector, c.var.author.tokenSelector));
    return c.body(null, 204);
  });
