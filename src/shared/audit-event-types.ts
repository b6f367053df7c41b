/** Every audit event type the service writes (api.md's list, and what this service adds). */
export const AUDIT_EVENT_TYPES = [
  'request.filed',
  'request.claimed',
  'request.released',
  'request.reassigned',
  'request.info_requested',
  'request.info_provided',
  'request.decided',
  'request.withdrawn',
  'message.posted',
  'sla.at_risk',
  'sla.breached',
  'grant.created',
  'grant.revoked',
  'grant.expiring',
  'grant.expired',
] as const;
export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];

/** Who acted: a partner's user, a platform reviewer, or the service itself (timers). */
export type ActorKind = 'partner' | 'reviewer' | 'system';
