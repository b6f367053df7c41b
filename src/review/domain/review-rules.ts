// Who may act on a claimed request, and what a decision must carry. Plain functions: the service
// asks them and maps their answers to errors.

import type { FieldError } from '../../shared/domain-error.js';

const DAY = 86_400_000;

export interface ClaimedRequest {
  readonly tenantId: string;
  /** The claimant, as (tenant, user): a user id is only unique within its directory. */
  readonly assignee: { readonly tenantId?: string | null; readonly userId: string | null } | null;
  readonly claimExpiresAt: Date | null;
}

export interface Reviewer {
  readonly userId: string | null;
  readonly tenantId: string;
}

export type ActRefusal = 'not_claimant' | 'claim_expired';

/** Only the reviewer holding a live claim acts on a request in review. */
export function claimantRefusal(request: ClaimedRequest, reviewer: Reviewer, now: Date): ActRefusal | null {
  if (!reviewer.userId || !request.assignee || !sameIdentity(request.assignee, reviewer)) return 'not_claimant';
  if (!request.claimExpiresAt || request.claimExpiresAt.getTime() <= now.getTime()) return 'claim_expired';
  return null;
}

export interface FiledRequest {
  readonly tenantId: string;
  readonly submittedBy: { readonly userId: string | null };
}

/**
 * Separation of duties: nobody decides a request they filed, nor one of a tenant they belong to
 * (a reviewer's own directory). Identity is (tenant, user): the same user id in two directories is
 * two people.
 */
export function conflictOfInterest(request: FiledRequest, reviewer: Reviewer): 'filed_it' | 'own_tenant' | null {
  if (sameIdentity({ tenantId: request.tenantId, userId: request.submittedBy.userId }, reviewer)) return 'filed_it';
  if (request.tenantId.toLowerCase() === reviewer.tenantId.toLowerCase()) return 'own_tenant';
  return null;
}

/** Two people are the same when both their directory and their user id match. */
export function sameIdentity(a: { readonly tenantId?: string | null; readonly userId: string | null }, b: Reviewer): boolean {
  return (
    a.userId !== null &&
    b.userId !== null &&
    a.tenantId != null &&
    a.tenantId.toLowerCase() === b.tenantId.toLowerCase() &&
    a.userId.toLowerCase() === b.userId.toLowerCase()
  );
}

export interface GrantSpec {
  readonly userIds: readonly string[];
  readonly surfaces: readonly string[];
  readonly expiresAt: string;
}

/**
 * What is wrong with a decision's grant, as field errors (none: acceptable). An approval needs a
 * grant for accounts and surfaces the request asked about, ending in the future but no later than
 * `maxDays` from now; a rejection carries none.
 */
export function grantProblems(
  outcome: 'approved' | 'rejected',
  grant: GrantSpec | undefined,
  request: { readonly affectedUserIds: readonly string[]; readonly surfaces: readonly string[] },
  now: Date,
  maxDays: number,
): FieldError[] {
  if (outcome === 'rejected') return grant ? [{ field: 'grant', message: 'a rejection creates no grant' }] : [];
  if (!grant) return [{ field: 'grant', message: 'an approval needs a grant (userIds, surfaces, expiresAt)' }];
  const problems: FieldError[] = [];
  const expiresAt = Date.parse(grant.expiresAt);
  if (Number.isNaN(expiresAt)) problems.push({ field: 'grant.expiresAt', message: 'grant.expiresAt must be an ISO-8601 date-time' });
  else if (expiresAt <= now.getTime()) problems.push({ field: 'grant.expiresAt', message: 'grant.expiresAt must be in the future' });
  else if (expiresAt > now.getTime() + maxDays * DAY)
    problems.push({ field: 'grant.expiresAt', message: `grant.expiresAt must be at most ${maxDays} days ahead` });
  const affected = new Set(request.affectedUserIds.map((id) => id.toLowerCase()));
  const strangers = grant.userIds.filter((id) => !affected.has(id.toLowerCase()));
  if (strangers.length)
    problems.push({ field: 'grant.userIds', message: `not among the request's affectedUserIds: ${strangers.join(', ')}` });
  const asked = new Set(request.surfaces);
  const others = grant.surfaces.filter((s) => !asked.has(s));
  if (others.length) problems.push({ field: 'grant.surfaces', message: `not among the request's surfaces: ${others.join(', ')}` });
  return problems;
}
