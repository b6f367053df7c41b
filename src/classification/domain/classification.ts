import type { KnownIssueNumber } from './known-issues.js';

export type ClassifiedEligibility = 'not_valid' | 'may_be_valid' | 'undetermined';

/** What the service concluded about a request's reason, stored on the request. */
export interface Classification {
  knownIssue: KnownIssueNumber | null;
  eligibility: ClassifiedEligibility;
  confidence: number;
  guidance: string | null;
  missingDetails: string[];
}

/** Until a classifier reads the request, no known issue is named and a reviewer decides. */
export function undetermined(): Classification {
  return { knownIssue: null, eligibility: 'undetermined', confidence: 0, guidance: null, missingDetails: [] };
}
