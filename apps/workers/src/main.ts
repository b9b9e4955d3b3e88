import { env } from 'cloudflare:workers';
import { createApp, loadAppConfig } from '@anywhere/core';
import { createD1Adapter } from './database.ts';
import { createBindingLimiter, peerAddress } from './limiter.ts';

const limiter = createBindingLimiter({ address: env.ADDRESS_RATE_LIMITER, token: env.TOKEN_RATE_LIMITER });

export default createApp({ database: createD1Adapter(), config: loadAppConfig(env), limiter, peerAddress });
