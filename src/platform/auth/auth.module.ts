import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { JSONWebKeySet } from 'jose';
import { readFile } from 'node:fs/promises';
import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { DEVELOPMENT_KEYS_DIR } from '../../config/config.js';
import { AuthGuard } from './auth.guard.js';
import { loadOrCreateDevelopmentKeys } from './development-keys.js';
import { MeController } from './me.controller.js';
import { TokenVerifier } from './token-verifier.js';

async function createVerifier(config: AppConfig): Promise<TokenVerifier> {
  const options = {
    issuer: config.auth.issuer,
    audience: config.auth.audience,
    platformTenantId: config.auth.platformTenantId,
    maxLifetimeSeconds: config.auth.maxTokenLifetimeSeconds,
    refetchCooldownMs: config.auth.jwksRefetchCooldownMs,
  };
  if (config.auth.jwksUrl) return TokenVerifier.remote(config.auth.jwksUrl, options);
  const jwks = config.auth.jwksFile
    ? (JSON.parse(await readFile(config.auth.jwksFile, 'utf8')) as JSONWebKeySet)
    : (await loadOrCreateDevelopmentKeys(DEVELOPMENT_KEYS_DIR)).jwks;
  return TokenVerifier.local(jwks, options);
}

@Global()
@Module({
  controllers: [MeController],
  providers: [
    { provide: TokenVerifier, inject: [APP_CONFIG], useFactory: createVerifier },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [TokenVerifier],
})
export class AuthModule {}
