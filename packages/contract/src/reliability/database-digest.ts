import { DatabaseSync } from 'node:sqlite';

/**
 * Every table's row count and largest rowid in an SQLite file: what any write
 * would move. Read from the file itself, not through the API under test.
 */
export function databaseDigest(file: string): string {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
    return JSON.stringify(tables.map(({ name }) => [name, db.prepare(`SELECT count(*) AS rows, max(rowid) AS last FROM "${name}"`).get()]));
  } finally {
    db.close();
  }
}
