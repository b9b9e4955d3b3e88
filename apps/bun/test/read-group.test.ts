// Group read over a real SQLite file, on bun:sqlite (under `bun test`).
import { Database } from 'bun:sqlite';
import { describeReadGroup } from '@anywhere/contract/read-group';

describeReadGroup('bun', (path) => new Database(path, { create: true, strict: true }));
