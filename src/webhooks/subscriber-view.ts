import { ROLES, type Caller } from '../platform/auth/caller.js';
import type { WebhookSubscriptionEntity } from './webhook-subscription.entity.js';

/**
 * The subscriber as a reader of what it is sent: a partner's subscription sees what its tenant's
 * admins see (staff by name only, no internal notes, the classification's outcome only); a review
 * lead's sees what review leads see. Deliveries are built through the same presenters as answers.
 */
export function subscriberAsCaller(subscription: WebhookSubscriptionEntity): Caller {
  const partner = subscription.ownerKind === 'tenant';
  return {
    tenantId: subscription.tenantId,
    userId: null,
    upn: null,
    name: null,
    roles: [partner ? ROLES.globalAdmin : ROLES.reviewLead],
    appOnly: false,
    amr: [],
    expiresAt: Number.MAX_SAFE_INTEGER,
  };
}
