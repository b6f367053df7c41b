// The one answer to "may this call skip MFA?", used by every enforcement endpoint. Plain
// TypeScript: the caller passes the surface, the token's claims, the time and a way to find grants.

import { isUuid } from '../../shared/ids.js';
import { SURFACES, type Surface } from '../../shared/surfaces.js';

export type ChallengeStyle = 'default' | 'rfc9470';

export interface TokenClaims {
  readonly tid?: unknown;
  readonly oid?: unknown;
  readonly amr?: unknown;
  readonly idtyp?: unknown;
}

/**
 * The claims a decision reads. Without the token's claims the caller names the user (what GET status
 * takes): no `amr`, so no MFA done, and no `idtyp`, so a user. Claims given win over the names.
 */
export function claimsOf(input: { tenantId?: string; userId?: string; claims?: TokenClaims }): TokenClaims {
  const named = { tid: input.tenantId, oid: input.userId };
  return input.claims ? { ...named, ...input.claims } : named;
}

/**
 * What makes an evaluation malformed (a bug in the caller, answered 400, never mfa_required).
 * `idsMatched`: tid and oid already found a stored grant, so they are UUIDs and need no pattern test
 * (the in-process client checks after deciding, to keep an exempt answer cheap).
 */
export function evaluationProblems(surface: unknown, claims: TokenClaims, idsMatched = false): { field: string; message: string }[] {
  const problems = claimsProblems(claims, idsMatched);
  if (!isSurface(surface)) problems.unshift({ field: 'surface', message: `surface must be one of ${SURFACES.join(', ')}` });
  return problems;
}

/** A claims object the decision can read: tid and (unless app-only) oid as UUIDs, amr a list of strings. */
export function claimsProblems(claims: TokenClaims, idsMatched = false): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  const appOnly = claims.idtyp === 'app';
  if (claims.idtyp !== undefined && typeof claims.idtyp !== 'string')
    problems.push({ field: 'claims.idtyp', message: 'claims.idtyp must be a string' });
  if (idsMatched) {
    // Found in the index, whose keys are the service's UUIDs.
  } else if (!isUuid(claims.tid)) problems.push({ field: 'claims.tid', message: 'claims.tid must be the tenant id (a UUID)' });
  if (!appOnly && !idsMatched && !isUuid(claims.oid))
    problems.push({ field: 'claims.oid', message: 'claims.oid must be the user object id (a UUID) unless idtyp is app' });
  if (claims.amr !== undefined && !(Array.isArray(claims.amr) && claims.amr.every((method) => typeof method === 'string'))) {
    problems.push({ field: 'claims.amr', message: 'claims.amr must be a list of strings' });
  }
  return problems;
}

export interface IndexedGrant {
  readonly grantId: string;
  readonly surfaces: readonly string[];
  readonly validFrom: number;
  readonly expiresAt: number;
  /** `expiresAt` as the answer prints it, made once when the grant is indexed rather than per answer. */
  readonly expiresAtText?: string;
}

export interface Challenge {
  readonly status: 401;
  readonly wwwAuthenticate: string;
  /** The seed's status line for the Partner Center API. */
  readonly statusText: string;
  readonly description: string;
}

export type ExemptDecision = {
  readonly decision: 'exempt';
  readonly reason: 'active_exception_grant';
  readonly grantId: string;
  readonly expiresAt: string;
};

export type EnforcementDecision =
  | { readonly decision: 'allow'; readonly reason: 'app_only_token' | 'mfa_completed' }
  | ExemptDecision
  | { readonly decision: 'mfa_required'; readonly reason: 'no_mfa_no_exception'; readonly challenge: Challenge };

/** The answer for a call this grant exempts. */
export function exemptDecision(grant: IndexedGrant): ExemptDecision {
  return {
    decision: 'exempt',
    reason: 'active_exception_grant',
    grantId: grant.grantId,
    expiresAt: grant.expiresAtText ?? new Date(grant.expiresAt).toISOString(),
  };
}

export class UnknownSurfaceError extends Error {
  constructor(readonly surface: unknown) {
    super(`surface must be one of ${SURFACES.join(', ')}`);
    this.name = 'UnknownSurfaceError';
  }
}

export const MFA_REQUIRED_DESCRIPTION = 'Multi-factor authentication is required: complete MFA and sign in again.';
/** PAPE's multi-factor policy, the usual acr value for "MFA done" in step-up challenges. */
export const DEFAULT_STEP_UP_ACR = 'http://schemas.openid.net/pape/policies/2007/06/multi-factor';

export function isSurface(value: unknown): value is Surface {
  return typeof value === 'string' && (SURFACES as readonly string[]).includes(value);
}

/** The grant, if any, that exempts this tenant's user on this surface at `now` (the latest-ending one). */
export function exemptingGrant(grants: readonly IndexedGrant[], surface: Surface, now: number): IndexedGrant | undefined {
  let best: IndexedGrant | undefined;
  for (const grant of grants) {
    if (!grant.surfaces.includes(surface) || now < grant.validFrom || now >= grant.expiresAt) continue;
    if (!best || grant.expiresAt > best.expiresAt) best = grant;
  }
  return best;
}

export function evaluateEnforcement(input: {
  surface: unknown;
  claims: TokenClaims;
  now: number;
  grantsOf: (tenantId: string, userId: string) => readonly IndexedGrant[];
  challengeStyle?: ChallengeStyle;
  stepUpAcr?: string;
  /** Makes the exempt answer for a grant (a caller may hand out one answer per grant). */
  exempt?: (grant: IndexedGrant) => ExemptDecision;
}): EnforcementDecision {
  if (!isSurface(input.surface)) throw new UnknownSurfaceError(input.surface);
  const { claims } = input;
  if (claims.idtyp === 'app') return { decision: 'allow', reason: 'app_only_token' };
  if (Array.isArray(claims.amr) && claims.amr.includes('mfa')) return { decision: 'allow', reason: 'mfa_completed' };
  if (typeof claims.tid === 'string' && typeof claims.oid === 'string') {
    const grant = exemptingGrant(input.grantsOf(claims.tid.toLowerCase(), claims.oid.toLowerCase()), input.surface, input.now);
    if (grant) return (input.exempt ?? exemptDecision)(grant);
  }
  return {
    decision: 'mfa_required',
    reason: 'no_mfa_no_exception',
    challenge: challengeFor(input.challengeStyle ?? 'default', input.stepUpAcr ?? DEFAULT_STEP_UP_ACR),
  };
}

export function challengeFor(style: ChallengeStyle, stepUpAcr: string): Challenge {
  if (style === 'rfc9470') {
    return {
      status: 401,
      wwwAuthenticate: `Bearer error="insufficient_user_authentication", error_description="${MFA_REQUIRED_DESCRIPTION}", acr_values="${stepUpAcr}"`,
      statusText: 'Unauthorized',
      description: MFA_REQUIRED_DESCRIPTION,
    };
  }
  return {
    status: 401,
    wwwAuthenticate: 'Bearer error="invalid_token"',
    statusText: 'Unauthorized - MFA required',
    description: MFA_REQUIRED_DESCRIPTION,
  };
}
