import { createLocalJWKSet, errors, jwtVerify, type JSONWebKeySet, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { AuthenticationError } from './authentication-error.js';
import { STAFF_ROLES, type Caller } from './caller.js';
import { RemoteKeySet } from './remote-key-set.js';
import { isUuid } from '../../shared/ids.js';

export const ACCEPTED_ALGORITHMS = ['RS256', 'ES256'];
/**
 * After a fetch, an unknown `kid` triggers no new fetch for this long. Short enough that a rotated
 * key works within seconds, long enough that forged kids cannot make us hammer the key server.
 */
export const JWKS_REFETCH_COOLDOWN_MS = 5_000;
const CLOCK_SKEW_SECONDS = 60;

export interface TokenVerifierOptions {
  readonly issuer: string;
  readonly audience: string;
  /** Staff roles count only on tokens of this tenant (the platform's own directory). */
  readonly platformTenantId: string;
  readonly maxLifetimeSeconds: number;
  /** Remote key sets: how long after a fetch an unknown `kid` fetches nothing. */
  readonly refetchCooldownMs?: number;
  /** Verified tokens remembered at most (the oldest is forgotten first). */
  readonly cacheSize?: number;
}

const DEFAULT_CACHE_SIZE = 20_000;

/**
 * Checks a bearer token against the key set and turns its claims into a Caller. A verified token is
 * remembered until its `exp`, so an enforcement service calling many times a second with one token
 * pays for the signature check once. (Keyed by the token itself: a Map hashes strings natively,
 * faster than a SHA-256 per call, and only tokens that verified are kept.)
 */
export class TokenVerifier {
  private readonly verified = new Map<string, { caller: Caller; expiresAt: number }>();
  /** The last header `cachedBearer` found, and its entry (still valid when evicted: it was verified). */
  private lastHeader: string | undefined;
  private lastEntry: { caller: Caller; expiresAt: number } | undefined;

  constructor(
    private readonly keys: JWTVerifyGetKey,
    private readonly options: TokenVerifierOptions,
  ) {}

  /** Keys from a remote JWKS, cached, refetched for an unknown `kid` at most once per cooldown. */
  static remote(url: string, options: TokenVerifierOptions): TokenVerifier {
    const keys = new RemoteKeySet(new URL(url), {
      cooldownMs: options.refetchCooldownMs ?? JWKS_REFETCH_COOLDOWN_MS,
      maxAgeMs: 10 * 60_000,
      timeoutMs: 5_000,
    });
    return new TokenVerifier(keys.getKey, options);
  }

  static local(jwks: JSONWebKeySet, options: TokenVerifierOptions): TokenVerifier {
    return new TokenVerifier(createLocalJWKSet(jwks), options);
  }

  async verify(token: string): Promise<Caller> {
    const cached = this.cached(token);
    if (cached) return cached;
    const caller = await this.verifyUncached(token);
    if (this.verified.size >= (this.options.cacheSize ?? DEFAULT_CACHE_SIZE)) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, { caller, expiresAt: caller.expiresAt });
    return caller;
  }

  /**
   * The caller of an `Authorization: Bearer <token>` header whose token was verified before, with no
   * parsing: only a verified token can hit the cache, so its characters were checked then. Anything
   * unusual (other spacing, an unknown token) misses and takes the full parse.
   */
  cachedBearer(header: string | undefined): Caller | undefined {
    if (header === undefined || header.length < 8) return undefined;
    // An enforcement service sends the same header on call after call. Comparing it with the last one
    // is a compare of bytes; a Map look-up would hash all ~600 characters of a fresh string (~1 µs).
    let entry = header === this.lastHeader ? this.lastEntry : undefined;
    if (!entry) {
      const scheme = header.slice(0, 7);
      if (scheme !== 'Bearer ' && scheme.toLowerCase() !== 'bearer ') return undefined;
      entry = this.verified.get(header.slice(7));
      if (!entry) return undefined;
      this.lastHeader = header;
      this.lastEntry = entry;
    }
    return entry.expiresAt > Date.now() ? entry.caller : undefined;
  }

  /** A token verified before and not yet expired, without waiting for anything (the hot path). */
  cached(token: string): Caller | undefined {
    const entry = this.verified.get(token);
    return entry && entry.expiresAt > Date.now() ? entry.caller : undefined;
  }

  private async verifyUncached(token: string): Promise<Caller> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        issuer: this.options.issuer,
        audience: this.options.audience,
        algorithms: ACCEPTED_ALGORITHMS,
        clockTolerance: CLOCK_SKEW_SECONDS,
        requiredClaims: ['exp'],
      }));
    } catch (error) {
      throw new AuthenticationError(describe(error));
    }
    const lifetime =
      (payload.exp as number) - (typeof payload.iat === 'number' ? Math.min(payload.iat, Date.now() / 1000) : Date.now() / 1000);
    if (lifetime > this.options.maxLifetimeSeconds) {
      throw new AuthenticationError(`The token lives longer than the ${this.options.maxLifetimeSeconds} seconds accepted.`);
    }
    return toCaller(payload, this.options.platformTenantId);
  }
}

function describe(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'The token has expired.';
  if (error instanceof errors.JWTClaimValidationFailed) return `The token's "${error.claim}" claim is not accepted.`;
  if (error instanceof errors.JOSEAlgNotAllowed)
    return `The token's signing algorithm is not accepted (use ${ACCEPTED_ALGORITHMS.join(' or ')}).`;
  if (error instanceof errors.JWKSNoMatchingKey) return 'The token is not signed by a known key.';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'The token signature does not verify.';
  if (error instanceof errors.JWKSTimeout || (error instanceof errors.JOSEError && error.code === 'ERR_JWKS_INVALID')) {
    return 'The signing keys could not be fetched.';
  }
  return 'The token is not valid.';
}

/** Names and UPNs are shown and stored: they must be text (no control characters or lone surrogates). */
const DISPLAYABLE = /^[^\p{Cc}]{0,512}$/u;

function toCaller(claims: JWTPayload, platformTenantId: string): Caller {
  const text = (name: string): string | null => {
    const value = claims[name];
    if (typeof value !== 'string') return null;
    if (!DISPLAYABLE.test(value) || !value.isWellFormed())
      throw new AuthenticationError(`The token's "${name}" claim is not well-formed text.`);
    return value;
  };
  const strings = (name: string): string[] => {
    const value = claims[name];
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  };
  const tenantId = text('tid');
  if (!isUuid(tenantId)) throw new AuthenticationError('The token has no valid "tid" (tenant id) claim.');
  const appOnly = claims.idtyp === 'app';
  const userId = text('oid');
  if (!appOnly && !isUuid(userId)) throw new AuthenticationError('The token has no valid "oid" (user id) claim.');
  const tenant = tenantId.toLowerCase();
  // A partner directory can assign this application's roles to its own users: staff roles from any
  // directory but the platform's are ignored, so a partner cannot make itself a reviewer.
  const roles = strings('roles').filter((role) => tenant === platformTenantId || !STAFF_ROLES.includes(role));
  return {
    tenantId: tenant,
    userId: userId?.toLowerCase() ?? null,
    upn: text('upn') ?? text('preferred_username'),
    name: text('name'),
    roles,
    appOnly,
    amr: strings('amr'),
    expiresAt: (claims.exp as number) * 1000,
  };
}
