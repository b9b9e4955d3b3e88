import { env } from 'cloudflare:workers';
import { createApp, loadAppConfig } from '@anywhere/core';
import { cloudflarePeerAddress, createBindingLimiter } from '@anywhere/core/rate-limit';
import { createD1Adapter } from './database.ts';

const limiter = createBindingLimiter({ address: env.ADDRESS_RATE_LIMITER, token: env.TOKEN_RATE_LIMITER });

export default createApp({ database: createD1Adapter(), config: loadAppConfig(env), limiter, peerAddress: cloudflarePeerAddress });
