import { importJWK, SignJWT, type CryptoKey } from 'jose';
import { createHash } from 'node:crypto';
import type { AppConfig } from '../config/config.js';
import { DEVELOPMENT_KEYS_DIR } from '../config/config.js';
import { ROLES, STAFF_ROLES } from '../platform/auth/caller.js';
import { loadOrCreateDevelopmentKeys } from '../platform/auth/development-keys.js';
import { RequestValidationError } from '../platform/http/validation.js';
import type { FieldError } from '../shared/domain-error.js';
import { isUuid } from '../shared/ids.js';
import { DEVELOPMENT_PARTNER_TENANT_ID } from './console-policy.js';

// The console's development sign-in: a person picks a role and a tenant and gets a token signed with
// the development key set, as `npm run token` would mint it. It exists only when the service trusts
// that key set (no AUTH_JWKS_URL/AUTH_JWKS_FILE) and never with NODE_ENV=production: the console
// module does not register the route otherwise.

/** The roles a person can pick (the enforcement role is for machines). */
export const DEVELOPMENT_ROLES: readonly string[] = [
  ROLES.adminAgent,
  ROLES.globalAdmin,
  ROLES.salesAgent,
  ROLES.helpdeskAgent,
  ROLES.reviewer,
  ROLES.reviewLead,
];
const TOKEN_SECONDS = 3600;

export interface DevelopmentToken {
  readonly accessToken: string;
  readonly expiresAt: string;
  readonly tenantId: string;
  readonly userId: string;
  readonly name: string;
}

export class DevelopmentSignIn {
  private constructor(
    private readonly key: CryptoKey,
    private readonly kid: string | undefined,
    private readonly config: AppConfig,
  ) {}

  static async create(config: AppConfig): Promise<DevelopmentSignIn> {
    if (!config.console.devSignIn) throw new Error('the development sign-in needs the development key set outside production');
    const { privateJwk } = await loadOrCreateDevelopmentKeys(DEVELOPMENT_KEYS_DIR);
    return new DevelopmentSignIn((await importJWK(privateJwk, 'ES256')) as CryptoKey, privateJwk.kid, config);
  }

  async signIn(body: unknown, now = Date.now()): Promise<DevelopmentToken> {
    const { role, tenantId: askedTenant, name: askedName } = parse(body);
    const staff = STAFF_ROLES.includes(role);
    const tenantId = (askedTenant ?? (staff ? this.config.auth.platformTenantId : DEVELOPMENT_PARTNER_TENANT_ID)).toLowerCase();
    const name = askedName ?? (staff ? 'Development Reviewer' : 'Development Partner');
    // The same person (tenant and name) gets the same user id every time, so they find their work again.
    const userId = stableUuid(`${tenantId}/${name}`);
    const seconds = Math.min(TOKEN_SECONDS, this.config.auth.maxTokenLifetimeSeconds);
    const issuedAt = Math.floor(now / 1000);
    const accessToken = await new SignJWT({
      tid: tenantId,
      oid: userId,
      roles: [role],
      name,
      upn: `${
        name
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '.')
          .replace(/^\.|\.$/g, '') || 'user'
      }@${tenantId.slice(0, 8)}.dev.example`,
      amr: ['pwd'],
      ver: '2.0',
    })
      .setProtectedHeader({ alg: 'ES256', kid: this.kid, typ: 'JWT' })
      .setIssuer(this.config.auth.issuer)
      .setAudience(this.config.auth.audience)
      .setSubject(userId)
      .setIssuedAt(issuedAt)
      .setNotBefore(issuedAt)
      .setExpirationTime(issuedAt + seconds)
      .sign(this.key);
    return { accessToken, expiresAt: new Date((issuedAt + seconds) * 1000).toISOString(), tenantId, userId, name };
  }
}

function parse(body: unknown): { role: string; tenantId?: string; name?: string } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new RequestValidationError(400, [{ field: '(body)', message: 'must be a JSON object { role, tenantId?, name? }' }]);
  }
  const { role, tenantId, name, ...rest } = body as Record<string, unknown>;
  const errors: FieldError[] = Object.keys(rest).map((field) => ({ field, message: 'is not a known field' }));
  if (typeof role !== 'string' || !DEVELOPMENT_ROLES.includes(role))
    errors.push({ field: 'role', message: `must be one of ${DEVELOPMENT_ROLES.join(', ')}` });
  if (tenantId !== undefined && tenantId !== '' && !isUuid(tenantId)) errors.push({ field: 'tenantId', message: 'must be a UUID' });
  if (name !== undefined && (typeof name !== 'string' || !/^[^\p{Cc}]{1,100}$/u.test(name.trim())))
    errors.push({ field: 'name', message: 'must be 1 to 100 characters of text' });
  if (errors.length > 0) throw new RequestValidationError(422, errors);
  return {
    role: role as string,
    tenantId: typeof tenantId === 'string' && tenantId !== '' ? tenantId : undefined,
    name: typeof name === 'string' ? name.trim() : undefined,
  };
}

/** A UUID (version 8, name-based) from a name: the same name always gives the same id. */
function stableUuid(name: string): string {
  const hex = createHash('sha256').update(name).digest('hex').slice(0, 32).split('');
  hex[12] = '8';
  hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
