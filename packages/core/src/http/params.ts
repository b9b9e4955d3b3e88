import * as z from 'zod';

/** An integer as the URL carries it: digits only, within the integers JavaScript holds exactly. */
export const positiveInteger = z
  .string()
  .regex(/^[1-9][0-9]*$/, 'Must be a positive integer.')
  .transform(Number)
  .refine(Number.isSafeInteger, 'Is out of range.');

export const idParam = z.strictObject({
  id: positiveInteger.meta({ description: 'A positive integer.', example: '42' }),
});

/** `?limit=`: 1 to `max`, with the route's default when absent. */
export const limitParam = (max: number, fallback: number) =>
  z
    .string()
    .regex(/^[0-9]+$/, 'Must be a whole number.')
    .transform(Number)
    .pipe(z.int().min(1, 'Must be at least 1.').max(max, `Must be at most ${max}.`))
    .default(fallback)
    .meta({ description: `1 to ${max}; ${fallback} when absent.` });

export const timestamp = z.iso.datetime({ precision: 3 }).meta({ description: 'ISO 8601, UTC, milliseconds.' });

export const iso = (date: Date) => date.toISOString();

/**
 * Text as a database can store it: no NUL (Postgres refuses it in text, and
 * SQLite's length() stops at it, failing CHECKs) and no unpaired surrogate
 * (UTF-8 cannot carry one; drivers would store U+FFFD in its place).
 */
export const storableText = () =>
  z.string().refine((value) => !value.includes('\u0000') && value.isWellFormed(), 'Must not contain NUL characters or unpaired surrogates.');
