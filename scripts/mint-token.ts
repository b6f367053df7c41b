// Mints a development token the default development configuration accepts.
//   npm run token -- --role Partner.AdminAgent --tenant <uuid> [--user <uuid>] [--name "Ada"] [--upn ada@contoso.com]
//                    [--amr pwd,mfa] [--app] [--ttl 3600]
// Staff roles (Exceptions.*) get the platform tenant (AUTH_PLATFORM_TENANT_ID or the development one)
// unless --tenant says otherwise.
// The signing key is generated on first use in .dev/ (git-ignored) and shared with the service.
import { SignJWT, importJWK } from 'jose';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { DEVELOPMENT_AUDIENCE, DEVELOPMENT_ISSUER, DEVELOPMENT_KEYS_DIR, DEVELOPMENT_PLATFORM_TENANT_ID } from '../src/config/config.js';
import { STAFF_ROLES } from '../src/platform/auth/caller.js';
import { loadOrCreateDevelopmentKeys } from '../src/platform/auth/development-keys.js';

const { values } = parseArgs({
  options: {
    role: { type: 'string', multiple: true },
    tenant: { type: 'string' },
    user: { type: 'string' },
    name: { type: 'string' },
    upn: { type: 'string' },
    amr: { type: 'string' },
    app: { type: 'boolean', default: false },
    ttl: { type: 'string', default: '3600' },
  },
});

const { privateJwk } = await loadOrCreateDevelopmentKeys(DEVELOPMENT_KEYS_DIR);
const key = await importJWK(privateJwk, 'ES256');
const user = values.user ?? randomUUID();
const roles = (values.role ?? ['Partner.AdminAgent']).flatMap((r) => r.split(','));
// Staff roles count only on the platform's own tenant: that is their default tenant here.
const staff = roles.some((role) => STAFF_ROLES.includes(role));
const tenant = values.tenant ?? (staff ? (process.env.AUTH_PLATFORM_TENANT_ID ?? DEVELOPMENT_PLATFORM_TENANT_ID) : randomUUID());
const claims: Record<string, unknown> = { tid: tenant, roles, ver: '2.0' };
if (values.app || roles.includes('Exceptions.Enforcement')) {
  claims.idtyp = 'app';
  claims.oid = user;
} else {
  Object.assign(claims, {
    oid: user,
    name: values.name ?? 'Development User',
    upn: values.upn ?? 'dev.user@partner.example',
    amr: (values.amr ?? 'pwd').split(','),
  });
}

const token = await new SignJWT(claims)
  .setProtectedHeader({ alg: 'ES256', kid: privateJwk.kid, typ: 'JWT' })
  .setIssuer(process.env.AUTH_ISSUER ?? DEVELOPMENT_ISSUER)
  .setAudience(process.env.AUTH_AUDIENCE ?? DEVELOPMENT_AUDIENCE)
  .setSubject(user)
  .setIssuedAt()
  .setNotBefore('0s')
  .setExpirationTime(`${Number(values.ttl)}s`)
  .sign(key);

process.stderr.write(`tenant ${tenant}, user ${user}, roles ${roles.join(',')}\n`);
process.stdout.write(`${token}\n`);
