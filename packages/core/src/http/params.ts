import * as z from 'zod';

/** An id in the URL: digits only, within the integers JavaScript holds exactly. */
export const idParam = z.strictObject({
  id: z
    .string()
    .regex(/^[1-9][0-9]*$/, 'Must be a positive integer.')
    .transform(Number)
    .refine(Number.isSafeInteger, 'Is out of range.')
    .meta({ description: 'A positive integer.', example: '42' }),
});

export const timestamp = z.iso.datetime({ precision: 3 }).meta({ description: 'ISO 8601, UTC, milliseconds.' });

export const iso = (date: Date) => date.toISOString();
