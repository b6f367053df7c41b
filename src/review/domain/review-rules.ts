// What a decision must carry. Plain functions: the service asks them and maps their answers to errors.
// (Who holds a claim is part of the request itself: requests/domain/claim.ts.)

import type { FieldError } from '../../shared/domain-error.js';

const DAY = 86_400_000;

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
