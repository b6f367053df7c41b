// A reviewer's claim on a request, and who may act on it. The claim is part of the request (its
// assignee and lease end); the review workflow takes and renews it, and every answer shows who may do
// what with it (allowed-actions.ts). Plain functions with `now` passed in.

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

/** Whether the claim is held and its lease has not ended at `now`. */
export function isClaimLive(request: Pick<ClaimedRequest, 'assignee' | 'claimExpiresAt'>, now: Date): boolean {
  return request.assignee !== null && request.claimExpiresAt !== null && request.claimExpiresAt.getTime() > now.getTime();
}
