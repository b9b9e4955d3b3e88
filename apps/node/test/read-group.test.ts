// Group read over a real SQLite file, on better-sqlite3.
import { describeReadGroup } from '@anywhere/contract/read-group';
import BetterSqlite from 'better-sqlite3';

describeReadGroup('node', (path) => new BetterSqlite(path));
