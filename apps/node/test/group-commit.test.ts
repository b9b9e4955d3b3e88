// Group commit over a real SQLite file, on better-sqlite3.
import { describeGroupCommit } from '@anywhere/contract/group-commit';
import BetterSqlite from 'better-sqlite3';

describeGroupCommit('node', (path) => new BetterSqlite(path));
