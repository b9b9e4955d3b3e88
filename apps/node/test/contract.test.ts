import { describeFileBackedContract } from '@anywhere/contract/in-process';
import { createBetterSqliteAdapter } from '../src/database.ts';

describeFileBackedContract('node', createBetterSqliteAdapter);
