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

/** A named signal that matched, with the phrase it matched and its points per issue. */
export interface MatchedSignal {
  readonly id: string;
  /** The phrase of the normalised text that matched. */
  readonly match: string;
  readonly weights: Readonly<Partial<Record<KnownIssueNumber, number>>>;
}

export interface Candidate {
  readonly knownIssue: KnownIssueNumber;
  readonly score: number;
}
