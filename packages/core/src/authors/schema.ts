import * as z from 'zod';
import { storableText, timestamp } from '../http/params.ts';

export const newAuthorSchema = z
  .strictObject({
    name: storableText().trim().min(1, 'Must not be empty.').max(100, 'Must be at most 100 characters.'),
    email: z
      .email('Must be an email address.')
      .max(254, 'Must be at most 254 characters.')
      .transform((email) => email.toLowerCase()),
  })
  .meta({ id: 'NewAuthor' });

/** The public face of an author: never the email. */
export const authorSchema = z
  .object({ id: z.int().positive(), name: z.string(), createdAt: timestamp })
  .meta({ id: 'Author' });

export const createdAuthorSchema = authorSchema
  .extend({
    token: z.string().meta({ description: "The author's first API token. It is shown this once and stored only as a hash." }),
  })
  .meta({ id: 'CreatedAuthor' });
