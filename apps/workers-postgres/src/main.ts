import { env } from 'cloudflare:workers';
import { createApp, loadAppConfig } from '@anywhere/core';
import { cloudflarePeerAddress, createBindingLimiter } from '@anywhere/core/rate-limit';
import { createHyperdriveAdapter, servedPerRequest } from './database.ts';

const limiter = createBindingLimiter({ address: env.ADDRESS_RATE_LIMITER, token: env.TOKEN_RATE_LIMITER });
const app = createApp({ database: createHyperdriveAdapter(), config: loadAppConfig(env), limiter, peerAddress: cloudflarePeerAddress });

export default servedPerRequest(app);
