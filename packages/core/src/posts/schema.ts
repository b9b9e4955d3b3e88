// The namespace import lets the bundler drop the parts of zod we never call (a third of the Worker's size).
import * as z from 'zod';
import { limitParam, positiveInteger, storableText, timestamp } from '../http/params.ts';
import { postStatuses } from '../schema/sqlite.ts';

const notBlank = (value: string) => value.trim().length > 0;

const title = storableText().trim().min(1, 'Must not be empty.').max(200, 'Must be at most 200 characters.');
const body = storableText().refine(notBlank, 'Must not be empty.');
const status = z.enum(postStatuses, 'Must be draft or published.');

/** Accepted in any case and with spaces around it (the pattern says so), stored trimmed and in lowercase. */
export const tag = z
  .string()
  .regex(/^\s*[A-Za-z0-9][A-Za-z0-9-]{0,31}\s*$/, 'Must be 1-32 letters, digits or dashes, starting with a letter or digit.')
  .trim()
  .toLowerCase()
  .meta({ description: 'Any case; trimmed and stored in lowercase.' });

/** Normalised to lowercase, without duplicates, in alphabetical order. */
const tags = z
  .array(tag)
  .max(10, 'At most 10 tags.')
  .transform((list) => [...new Set(list)].toSorted());

/** What a client may send, all of it: id, author and timestamps belong to the server. */
export const newPostSchema = z
  .strictObject({ title, body, status: status.default('draft'), tags: tags.default([]) })
  .meta({ id: 'NewPost' });

export const replacementSchema = z.strictObject({ title, body, status, tags }).meta({ id: 'PostReplacement' });

export const patchSchema = z
  .strictObject({ title: title.optional(), body: body.optional(), status: status.optional(), tags: tags.optional() })
  .refine((patch) => Object.values(patch).some((value) => value !== undefined), 'Send at least one field to change.')
  .meta({ id: 'PostPatch' });

export type PostFields = z.output<typeof replacementSchema>;

export const postSchema = z
  .object({
    id: z.int().positive(),
    title: z.string(),
    body: z.string(),
    status,
    tags: z.array(z.string()),
    authorId: z.int().positive(),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'Post' });

export const postPageSchema = z
  .object({
    items: z.array(postSchema),
    nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last.' }),
  })
  .meta({ id: 'PostPage' });

export const listQuery = z.strictObject({
  limit: limitParam(100, 20),
  cursor: z.string().max(200).optional().meta({ description: 'The `nextCursor` of the previous page.' }),
  authorId: positiveInteger.optional(),
  tag: tag.optional(),
  status: status.optional().meta({ description: "Drafts are only ever the caller's own." }),
});
