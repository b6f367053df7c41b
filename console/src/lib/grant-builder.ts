import type { Surface } from '../api/client';

// The grant an approval creates: accounts and surfaces among the request's, and an expiry in the
// future no later than GRANT_MAX_DAYS ahead. Checked here so the reviewer sees the rule before the
// service refuses it.

export interface GrantDraft {
  readonly userIds: readonly string[];
  readonly surfaces: readonly Surface[];
  /** YYYY-MM-DD, the last day the grant may be used (it expires at the end of that day, UTC) */
  readonly expiresOn: string;
}

export type GrantProblem = 'grant.noUsers' | 'grant.noSurfaces' | 'grant.expiryMissing' | 'grant.expiryPast' | 'grant.expiryTooLate';

const DAY = 86_400_000;

export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The first and last expiry days the form offers. */
export function expiryBounds(now: number, maxDays: number): { min: string; max: string } {
  // Expiring at the end of day D (00:00 UTC of D+1) must be at most now + maxDays.
  return { min: isoDay(now), max: isoDay(now + maxDays * DAY - DAY) };
}

/** A draft covering everything the request asked for, expiring in `defaultDays` (or the maximum). */
export function defaultGrant(
  request: { affectedUserIds: readonly string[]; surfaces: readonly Surface[] },
  now: number,
  maxDays: number,
  defaultDays = 90,
): GrantDraft {
  return {
    userIds: [...request.affectedUserIds],
    surfaces: [...request.surfaces],
    expiresOn: isoDay(now + (Math.min(defaultDays, maxDays) - 1) * DAY),
  };
}

export function expiresAt(expiresOn: string): string {
  return new Date(Date.parse(`${expiresOn}T00:00:00.000Z`) + DAY).toISOString();
}

export function grantProblems(
  draft: GrantDraft,
  request: { affectedUserIds: readonly string[]; surfaces: readonly Surface[] },
  now: number,
  maxDays: number,
): GrantProblem[] {
  const problems: GrantProblem[] = [];
  if (draft.userIds.filter((id) => request.affectedUserIds.includes(id)).length === 0) problems.push('grant.noUsers');
  if (draft.surfaces.filter((s) => request.surfaces.includes(s)).length === 0) problems.push('grant.noSurfaces');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.expiresOn) || Number.isNaN(Date.parse(draft.expiresOn))) problems.push('grant.expiryMissing');
  else {
    const end = Date.parse(expiresAt(draft.expiresOn));
    if (end <= now) problems.push('grant.expiryPast');
    else if (end > now + maxDays * DAY) problems.push('grant.expiryTooLate');
  }
  return problems;
}

/** The decision body's grant, or null while the draft has problems. */
export function toGrantSpec(
  draft: GrantDraft,
  request: { affectedUserIds: readonly string[]; surfaces: readonly Surface[] },
  now: number,
  maxDays: number,
) {
  if (grantProblems(draft, request, now, maxDays).length > 0) return null;
  return {
    userIds: draft.userIds.filter((id) => request.affectedUserIds.includes(id)),
    surfaces: draft.surfaces.filter((s) => request.surfaces.includes(s)),
    expiresAt: expiresAt(draft.expiresOn),
  };
}
