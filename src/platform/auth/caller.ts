// Who is calling, as read from a verified token. Plain data: the rules about what each role may do
// live here too, so controllers and services ask questions instead of comparing role strings.

export const ROLES = {
  globalAdmin: 'Partner.GlobalAdmin',
  adminAgent: 'Partner.AdminAgent',
  salesAgent: 'Partner.SalesAgent',
  helpdeskAgent: 'Partner.HelpdeskAgent',
  reviewer: 'Exceptions.Reviewer',
  reviewLead: 'Exceptions.ReviewLead',
  enforcement: 'Exceptions.Enforcement',
} as const;

/** The groups routes are opened to. */
export type Audience = 'partnerAdmin' | 'reviewer' | 'reviewLead' | 'enforcement' | 'anySignedIn';

export interface Caller {
  readonly tenantId: string;
  readonly userId: string | null;
  readonly upn: string | null;
  readonly name: string | null;
  readonly roles: readonly string[];
  readonly appOnly: boolean;
  readonly amr: readonly string[];
  /** The token's `exp`, in epoch milliseconds. */
  readonly expiresAt: number;
}

export function isPartnerAdmin(caller: Caller): boolean {
  return !isEnforcement(caller) && (caller.roles.includes(ROLES.globalAdmin) || caller.roles.includes(ROLES.adminAgent));
}

export function isReviewLead(caller: Caller): boolean {
  return !isEnforcement(caller) && caller.roles.includes(ROLES.reviewLead);
}

/** Review leads may do all that reviewers may. */
export function isReviewer(caller: Caller): boolean {
  return !isEnforcement(caller) && (caller.roles.includes(ROLES.reviewer) || isReviewLead(caller));
}

/** An enforcement service is a machine caller: it may use the enforcement endpoints and nothing else. */
export function isEnforcement(caller: Caller): boolean {
  return caller.roles.includes(ROLES.enforcement);
}

export function belongsTo(caller: Caller, audience: Audience): boolean {
  switch (audience) {
    case 'partnerAdmin':
      return isPartnerAdmin(caller);
    case 'reviewer':
      return isReviewer(caller);
    case 'reviewLead':
      return isReviewLead(caller);
    case 'enforcement':
      return isEnforcement(caller);
    case 'anySignedIn':
      return true;
  }
}

/** How the audit trail names a caller. */
export function actorOf(caller: Caller): { kind: 'partner' | 'reviewer'; userId: string | null } {
  return { kind: isReviewer(caller) ? 'reviewer' : 'partner', userId: caller.userId };
}
