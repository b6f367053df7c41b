export type GrantStatus = 'active' | 'expired' | 'revoked';

export interface GrantTimes {
  readonly validFrom: Date;
  readonly expiresAt: Date;
  readonly revokedAt: Date | null;
}

/** Computed at read time, never by a sweep: a grant is expired exactly from `expiresAt` on. */
export function grantStatus(grant: GrantTimes, now: Date): GrantStatus {
  if (grant.revokedAt) return 'revoked';
  if (now.getTime() >= grant.expiresAt.getTime()) return 'expired';
  return 'active';
}
