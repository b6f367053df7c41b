import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { ROLES, STAFF_ROLES } from '../../src/platform/auth/caller.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const TEST_ISSUER = 'https://login.test.invalid/issuer';
export const TEST_AUDIENCE = 'api://mfa-exceptions-test';

/** The contract's roles (api.md, Authentication). */
export const ROLE = ROLES;

/** The platform's own directory in tests (AUTH_PLATFORM_TENANT_ID): staff roles count only there. */
export const PLATFORM_TENANT_ID = 'a1a1a1a1-0000-4000-8000-00000000beef';

export interface SigningKey {
  readonly kid: string;
  readonly alg: 'RS256' | 'ES256';
  readonly privateKey: CryptoKey;
  readonly publicJwk: JWK;
}

export async function newSigningKey(alg: 'RS256' | 'ES256' = 'RS256'): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const kid = `test-${alg}-${randomUUID().slice(0, 8)}`;
  return { kid, alg, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

/** Writes a JWKS file holding these keys' public halves; answers its path (for AUTH_JWKS_FILE). */
export function writeJwksFile(keys: readonly SigningKey[]): string {
  const path = join(mkdtempSync(join(tmpdir(), 'mfa-jwks-')), 'jwks.json');
  writeFileSync(path, JSON.stringify({ keys: keys.map((k) => k.publicJwk) }));
  return path;
}

export interface TokenOptions {
  role?: string | string[];
  tenantId?: string;
  userId?: string;
  app?: boolean;
  amr?: string[];
  claims?: Record<string, unknown>;
  issuer?: string;
  audience?: string;
  expiresInSeconds?: number;
  notBeforeSeconds?: number;
  key?: SigningKey;
}

/** Mints tokens for a role and tenant, signed with the key the test app trusts unless told otherwise. */
export class TokenFactory {
  constructor(readonly key: SigningKey) {}

  async mint(options: TokenOptions = {}): Promise<string> {
    const key = options.key ?? this.key;
    const now = Math.floor(Date.now() / 1000);
    const roles = options.role === undefined ? [ROLE.adminAgent] : ([] as string[]).concat(options.role);
    // Staff work in the platform's directory unless a test says otherwise.
    const staff = roles.some((role) => STAFF_ROLES.includes(role));
    const claims: Record<string, unknown> = {
      tid: options.tenantId ?? (staff ? PLATFORM_TENANT_ID : randomUUID()),
      oid: options.userId ?? randomUUID(),
      roles,
      ...(options.app ? { idtyp: 'app' } : { upn: 'agent@partner.example', name: 'Test Agent', amr: options.amr ?? ['pwd'] }),
      ...options.claims,
    };
    return new SignJWT(claims)
      .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
      .setIssuer(options.issuer ?? TEST_ISSUER)
      .setAudience(options.audience ?? TEST_AUDIENCE)
      .setIssuedAt(now)
      .setNotBefore(now + (options.notBeforeSeconds ?? 0))
      .setExpirationTime(now + (options.expiresInSeconds ?? 600))
      .sign(key.privateKey);
  }
}

/** A partner tenant with an admin agent's and a global admin's tokens. */
export async function partnerTenant(tokens: TokenFactory, tenantId: string = randomUUID()) {
  const adminAgentId = randomUUID();
  return {
    tenantId,
    adminAgentId,
    adminAgent: await tokens.mint({ role: ROLE.adminAgent, tenantId, userId: adminAgentId }),
    globalAdmin: await tokens.mint({ role: ROLE.globalAdmin, tenantId }),
  };
}
