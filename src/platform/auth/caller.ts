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

/** Roles of the platform's own staff: they count only on tokens of the platform tenant. */
export const STAFF_ROLES: readonly string[] = [ROLES.reviewer, ROLES.reviewLead, ROLES.enforcement];

/** The groups routes are opened to. */
export type Audience = 'partnerAdmin' | 'reviewer' | 'reviewLead' | 'enforcement' | 'anySignedIn' | 'anyToken';

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

// People act with user tokens: an app-only token carries no user to hold a claim or sign an event.
export function isPartnerAdmin(caller: Caller): boolean {
  return isPerson(caller) && (caller.roles.includes(ROLES.globalAdmin) || caller.roles.includes(ROLES.adminAgent));
}

export function isReviewLead(caller: Caller): boolean {
  return isPerson(caller) && caller.roles.includes(ROLES.reviewLead);
}

/** Review leads may do all that reviewers may. */
export function isReviewer(caller: Caller): boolean {
  return isPerson(caller) && (caller.roles.includes(ROLES.reviewer) || isReviewLead(caller));
}

function isPerson(caller: Caller): boolean {
  return !caller.appOnly && !misusesEnforcementRole(caller);
}

/** An enforcement service is a machine (app-only token): it may use the enforcement endpoints and nothing else. */
export function isEnforcement(caller: Caller): boolean {
  return caller.appOnly && caller.roles.includes(ROLES.enforcement);
}

/** Holds the enforcement role without being app-only: refused everywhere rather than trusted anywhere. */
function misusesEnforcementRole(caller: Caller): boolean {
  return !caller.appOnly && caller.roles.includes(ROLES.enforcement);
}

/** Sales and helpdesk agents have "nothing here" (api.md), not even the catalogue. */
function isOnlyUnprivilegedPartner(caller: Caller): boolean {
  const unprivileged: readonly string[] = [ROLES.salesAgent, ROLES.helpdeskAgent];
  return caller.roles.length > 0 && caller.roles.every((role) => unprivileged.includes(role));
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
      return !caller.appOnly && !misusesEnforcementRole(caller) && !isOnlyUnprivilegedPartner(caller);
    case 'anyToken':
      return true;
  }
}

/** How the audit trail names a caller. */
export function actorOf(caller: Caller): { kind: 'partner' | 'reviewer'; userId: string | null } {
  return { kind: isReviewer(caller) ? 'reviewer' : 'partner', userId: caller.userId };
}

export type CallerKind = 'partner' | 'reviewer' | 'review_lead' | 'enforcement';

/** What the caller is here, from the roles that count (staff roles only on the platform tenant). */
export function kindOf(caller: Caller): CallerKind {
  if (isEnforcement(caller)) return 'enforcement';
  if (isReviewLead(caller)) return 'review_lead';
  if (isReviewer(caller)) return 'reviewer';
  return 'partner';
}
