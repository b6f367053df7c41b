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
