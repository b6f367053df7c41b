// What the person looking at a request may do with it now, so that a UI shows the right buttons
// without copying the state machine. Read from the lifecycle table and the claim rules.

import { claimantRefusal, conflictOfInterest, isClaimLive, type ClaimedRequest, type FiledRequest } from './claim.js';
import { canApply, type RequestStatus } from './request-lifecycle.js';

export const REQUEST_ACTIONS = ['withdraw', 'message', 'claim', 'renew_claim', 'release', 'request_info', 'decide', 'reassign'] as const;
export type AllowedAction = (typeof REQUEST_ACTIONS)[number];

export interface ActionViewer {
  readonly tenantId: string;
  readonly userId: string | null;
  /** A partner admin of the request's own tenant (partners see no other tenant's requests). */
  readonly partnerAdmin: boolean;
  readonly reviewer: boolean;
  readonly reviewLead: boolean;
}

export interface ActionableRequest extends ClaimedRequest, FiledRequest {
  readonly status: RequestStatus;
}

export function allowedActions(request: ActionableRequest, viewer: ActionViewer, now: Date): AllowedAction[] {
  const allowed = new Set<AllowedAction>();
  const ownTenant = request.tenantId.toLowerCase() === viewer.tenantId.toLowerCase();
  if (viewer.partnerAdmin && ownTenant) {
    allowed.add('message');
    if (canApply(request.status, 'withdraw')) allowed.add('withdraw');
  }
  if (viewer.reviewer) {
    const holdsLiveClaim = claimantRefusal(request, viewer, now) === null;
    const lapsed = request.status === 'in_review' && !isClaimLive(request, now);
    allowed.add('message');
    if ((request.status === 'submitted' || lapsed) && !holdsLiveClaim) allowed.add('claim');
    if (holdsLiveClaim && (request.status === 'in_review' || request.status === 'info_requested')) allowed.add('renew_claim');
    if (request.status === 'in_review' && (holdsLiveClaim || viewer.reviewLead)) allowed.add('release');
    if (request.status === 'in_review' && holdsLiveClaim) {
      allowed.add('request_info');
      if (!conflictOfInterest(request, viewer)) allowed.add('decide');
    }
    if (viewer.reviewLead && canApply(request.status, 'reassign')) allowed.add('reassign');
  }
  return REQUEST_ACTIONS.filter((action) => allowed.has(action));
}
