import { env } from 'cloudflare:workers';
import { createApp, loadAppConfig } from '@anywhere/core';
import { createD1Adapter } from './database.ts';

export default createApp({ database: createD1Adapter(), config: loadAppConfig(env) });
