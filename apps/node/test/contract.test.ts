import { describeFileBackedContract } from '@anywhere/contract/file-backed';
import { createBetterSqliteAdapter } from '../src/database.ts';

describeFileBackedContract('node', createBetterSqliteAdapter);
