// Names the known issue a request is about, or none. Deterministic and explainable: every point of
// a score comes from a named signal (signals.ts) that matched a phrase of the normalised text, and the
// answer lists them. No framework imports: the precheck endpoint, filing and the evaluation script
// all call `classify`.

import type { Classification } from './classification.js';
import { findKnownIssue, type KnownIssueNumber, type Locale } from './known-issues.js';
import { ABSTAIN_SIGNALS, DONE_CLAUSE, SIGNALS, THIRD_PARTY_FORM_SIGNAL } from './signals/index.js';
import { normalizeText } from './text-normalizer.js';

export interface ClassifierInput {
  readonly title?: string | null;
  readonly description?: string | null;
  readonly surfaces?: readonly string[] | null;
  readonly affectedUserIds?: readonly string[] | null;
  readonly thirdPartyMfa?: {
    readonly provider?: string | null;
    readonly integrationMethod?: string | null;
    readonly providerConfirmedClaimCannotFlow?: boolean | null;
  } | null;
}

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

export type AbstainReason = 'no_evidence' | 'not_an_exception_request';

export interface ClassificationResult extends Classification {
  readonly candidates: Candidate[];
  readonly signals: MatchedSignal[];
  readonly abstainReason: AbstainReason | null;
}

/** Below this score no issue is named: the request is decided on its own merits. */
export const MIN_SCORE = 3;
const ISSUES: readonly KnownIssueNumber[] = [1, 2, 3, 4, 5, 6, 7];

export function classify(input: ClassifierInput, locale: Locale = 'en'): ClassificationResult {
  const raw = `${input.title ?? ''}\n${input.description ?? ''}`;
  const text = normalizeText(raw);
  // Sentences that say a group is already done with MFA: who they name is not who needs time.
  const openClauses = raw
    .split(/[.!?。！？\n;；]+/u)
    .map(normalizeText)
    .filter((clause) => clause.trim() !== '' && !DONE_CLAUSE.test(clause));
  const signals: MatchedSignal[] = [];
  for (const signal of SIGNALS) {
    const match = signal.group ? firstMatch(signal.pattern, openClauses) : signal.pattern.exec(text);
    if (match) signals.push({ id: signal.id, match: match[0].trim(), weights: signal.weights });
  }
  if (input.thirdPartyMfa && (input.thirdPartyMfa.provider || input.thirdPartyMfa.integrationMethod)) {
    signals.push({ id: THIRD_PARTY_FORM_SIGNAL.id, match: 'thirdPartyMfa', weights: THIRD_PARTY_FORM_SIGNAL.weights });
  }
  let penalty = 0;
  for (const abstain of ABSTAIN_SIGNALS) {
    const match = abstain.pattern.exec(text);
    if (match) {
      penalty += abstain.penalty;
      signals.push({ id: abstain.id, match: match[0].trim(), weights: {} });
    }
  }

  const sums = new Map<KnownIssueNumber, number>(ISSUES.map((n) => [n, 0]));
  for (const signal of signals) {
    for (const [issue, weight] of Object.entries(signal.weights) as [string, number][]) {
      const n = Number(issue) as KnownIssueNumber;
      sums.set(n, sums.get(n)! + weight);
    }
  }
  const candidates = ISSUES.map((knownIssue) => ({ knownIssue, score: round(Math.max(0, sums.get(knownIssue)! - penalty)) }))
    .filter((c) => c.score > 0)
    .sort((a, b) => b.score - a.score || a.knownIssue - b.knownIssue);

  const [top, second] = candidates;
  if (!top || top.score < MIN_SCORE) {
    const topScore = top?.score ?? 0;
    return {
      knownIssue: null,
      eligibility: 'undetermined',
      confidence: round(clamp(1 - topScore / (MIN_SCORE * 1.5), 0.3, 0.95)),
      guidance: unclassifiedGuidance(penalty > 0 ? 'not_an_exception_request' : 'no_evidence', locale),
      missingDetails: [],
      candidates: candidates.slice(0, 3),
      signals,
      abstainReason: penalty > 0 ? 'not_an_exception_request' : 'no_evidence',
    };
  }
  const issue = findKnownIssue(top.knownIssue)!;
  return {
    knownIssue: top.knownIssue,
    eligibility: issue.eligibility,
    confidence: round(clamp(top.score / (top.score + (second?.score ?? 0) + 3), 0.05, 0.99)),
    guidance: issue.guidance[locale],
    missingDetails: missingDetails(top.knownIssue, input),
    candidates: candidates.slice(0, 3),
    signals,
    abstainReason: null,
  };
}

/** Which of the issue's required details the request does not give (catalogue field paths). */
export function missingDetails(knownIssue: KnownIssueNumber, input: ClassifierInput): string[] {
  const present: Record<string, (i: ClassifierInput) => boolean> = {
    'thirdPartyMfa.provider': (i) => !!i.thirdPartyMfa?.provider?.trim(),
    'thirdPartyMfa.integrationMethod': (i) => i.thirdPartyMfa?.integrationMethod === 'identity_federation' || i.thirdPartyMfa?.integrationMethod === 'custom_controls',
    'thirdPartyMfa.providerConfirmedClaimCannotFlow': (i) => i.thirdPartyMfa?.providerConfirmedClaimCannotFlow === true,
    affectedUserIds: (i) => (i.affectedUserIds?.length ?? 0) > 0,
    description: (i) => !!i.description?.trim(),
  };
  return findKnownIssue(knownIssue)!.requiredDetails.map((d) => d.field).filter((field) => !(present[field]?.(input) ?? true));
}

function unclassifiedGuidance(reason: AbstainReason, locale: Locale): string {
  const text = {
    no_evidence: {
      en: 'This request does not match any of the seven known issues. If it is a technical blocker with no workaround, describe the blocker, the affected accounts and surfaces, and why MFA cannot be completed; a reviewer will decide it on its merits.',
      ja: 'この要求は 7 つの既知の問題のいずれにも該当しません。回避策のない技術的な問題である場合は、その内容、対象のアカウントとサーフェス、MFA を完了できない理由を記載してください。レビュー担当者が個別に判断します。',
    },
    not_an_exception_request: {
      en: 'This does not look like a request for an MFA technical exception (for example a billing, onboarding or API question, or resetting an MFA registration). Please use the matching support topic; file an exception only for a technical blocker to completing MFA.',
      ja: 'MFA の技術的な例外の要求ではないようです (請求、オンボーディング、API、MFA 登録のリセットなど)。該当するサポート トピックをご利用ください。技術的な例外は、MFA を完了できない技術的な問題がある場合にのみ要求してください。',
    },
  } as const;
  return text[reason][locale];
}

function firstMatch(pattern: RegExp, clauses: readonly string[]): RegExpExecArray | null {
  for (const clause of clauses) {
    const match = pattern.exec(clause);
    if (match) return match;
  }
  return null;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
