// Group commit over a real SQLite file, on bun:sqlite (under `bun test`).
import { Database } from 'bun:sqlite';
import { describeGroupCommit } from '@anywhere/contract/group-commit';

describeGroupCommit('bun', (path) => new Database(path, { create: true, strict: true }));
