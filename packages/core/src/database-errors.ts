/**
 * A write refused for a duplicate key. The drivers say it in their own words
 * (SQLite's message, Postgres's SQLSTATE 23505), sometimes wrapped by Drizzle:
 * look at the error and its causes.
 */
export function isUniqueViolation(error: unknown): boolean {
  for (let current = error; current instanceof Error; current = current.cause) {
    if ((current as Error & { code?: unknown }).code === '23505') return true;
    if (/UNIQUE constraint failed/i.test(current.message)) return true;
  }
  return false;
}
