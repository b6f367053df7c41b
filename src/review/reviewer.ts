import type { Caller } from '../platform/auth/caller.js';
import type { Actor } from '../requests/request-transitions.js';
import type { PersonRef } from '../shared/person.js';

/** The timers and sweeps act as the service itself. */
export const SYSTEM: Actor = { kind: 'system', userId: null };

/** The caller as a claim, a decision or a grant records them. */
export function personOf(caller: Caller): PersonRef {
  return { tenantId: caller.tenantId, userId: caller.userId, upn: caller.upn, name: caller.name };
}

export function reviewerActor(caller: Caller): Actor {
  return { kind: 'reviewer', userId: caller.userId };
}
