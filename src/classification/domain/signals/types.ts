import type { KnownIssueNumber } from '../known-issues.js';

export interface Signal {
  /** Stable name, shown to reviewers as the reason for a classification. */
  readonly id: string;
  readonly pattern: RegExp;
  readonly weights: Readonly<Partial<Record<KnownIssueNumber, number>>>;
  /**
   * Says WHO is affected (agents, back-office staff...). Read sentence by sentence, and ignored in
   * a sentence saying that group already has MFA ("our sales staff already use MFA; the agents...").
   */
  readonly group?: true;
  /** A group signal is not read in a clause this matches ("no DAP" names delegated admin to deny it). */
  readonly notIn?: RegExp;
}

/** Evidence that the text is not an exception request at all; it lowers every issue's score. */
export interface AbstainSignal {
  readonly id: string;
  readonly pattern: RegExp;
  /** Subtracted from every issue's score. */
  readonly penalty: number;
}
