import { describeOnDiskContract } from '@anywhere/contract/in-process';
import { createBetterSqliteAdapter } from '../src/database.ts';

describeOnDiskContract('node', createBetterSqliteAdapter);
