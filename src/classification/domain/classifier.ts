// Names the known issue a request is about, or none. Deterministic and explainable: every point of
// a score comes from a named signal (signals.ts) that matched a phrase of the normalised text, and the
// answer lists them. No framework imports: the precheck endpoint, filing and the evaluation script
// all call `classify`.

import type { Classification } from './classification.js';
import { findKnownIssue, type KnownIssueNumber, type Locale } from './known-issues.js';
import { BARE_EXCEPTION_QUESTION, ELIGIBILITY_QUESTION, EXISTING_QUESTION, FAILURE, NO_REQUEST, OWN_TENANT, QUESTION, REQUEST, THIRD_PARTY_WORKS } from './signals/context.js';
import { ABSTAIN_SIGNALS, DONE_CLAUSE, SIGNALS, THIRD_PARTY_FORM_SIGNAL } from './signals/index.js';
import { readRoles, type ReadClause } from './ticket-reading.js';
import { readStructure } from './ticket-structure.js';

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
/**
 * Naming 6 or 7 tells a partner their reason may be accepted; being wrong about that costs most. So
 * those two need more evidence than the others, and below it the request goes to a reviewer unnamed.
 */
export const MIN_SCORE_MAY_BE_VALID = 4;
/** Evidence of this much for an issue in background clauses makes that issue the background's. */
const BACKGROUND_TOPIC = 3;
/** Subtracted from every issue when the ticket is a question, a plan or a report rather than an ask. */
const CONTEXT_PENALTY = 20;
const ISSUES: readonly KnownIssueNumber[] = [1, 2, 3, 4, 5, 6, 7];
/**
 * On equal scores: a named technical blocker (3-5) before a rollout that needs time (1, 2), since most
 * tickets mention agents and customers as context; the may-be-valid issues last, being the costly call.
 */
const TIE_ORDER: readonly KnownIssueNumber[] = [3, 4, 5, 1, 2, 6, 7];
const MAY_BE_VALID: ReadonlySet<KnownIssueNumber> = new Set([6, 7]);

export function classify(input: ClassifierInput, locale: Locale = 'en'): ClassificationResult {
  const clauses = readRoles(readStructure(input.title ?? '', input.description ?? '').clauses);
  const ask = clauses.filter((c) => c.role === 'ask');
  const background = clauses.filter((c) => c.role !== 'ask');

  const signals = matchSignals(ask);
  if (input.thirdPartyMfa && (input.thirdPartyMfa.provider || input.thirdPartyMfa.integrationMethod)) {
    signals.push({ id: THIRD_PARTY_FORM_SIGNAL.id, match: 'thirdPartyMfa', weights: THIRD_PARTY_FORM_SIGNAL.weights });
  }
  const askText = joinText(ask);
  const allText = joinText(clauses);
  let penalty = 0;
  for (const abstain of ABSTAIN_SIGNALS) {
    const match = abstain.pattern.exec(askText);
    if (match) {
      penalty += abstain.penalty;
      signals.push({ id: abstain.id, match: match[0].trim(), weights: {} });
    }
  }

  const sums = sumWeights(signals);
  // What background clauses are about is not what is asked now: an issue they name drops out, unless
  // the ask names it more strongly still.
  const backgroundSums = sumWeights(matchSignals(background));
  for (const role of ['resolved', 'existing_exception', 'hypothetical', 'aside'] as const) {
    const ofRole = background.filter((c) => c.role === role);
    if (ofRole.length === 0) continue;
    const roleSums = sumWeights(matchSignals(ofRole));
    const dropped: Partial<Record<KnownIssueNumber, number>> = {};
    for (const n of ISSUES) {
      const score = sums.get(n)!;
      if (roleSums.get(n)! >= BACKGROUND_TOPIC && score > 0 && score <= backgroundSums.get(n)!) dropped[n] = -score;
    }
    const marked = ofRole.find((c) => c.marker) ?? ofRole[0]!;
    signals.push({ id: `context:${role}`, match: marked.marker ?? marked.text.trim(), weights: dropped });
    for (const [n, w] of Object.entries(dropped) as [string, number][]) sums.set(Number(n) as KnownIssueNumber, sums.get(Number(n) as KnownIssueNumber)! + w);
  }

  // Whole-ticket readings: the third-party MFA works now; the accounts live in the partner's own tenant.
  const suppress = (id: string, match: RegExpExecArray | null, n: KnownIssueNumber) => {
    if (!match) return;
    const score = sums.get(n)!;
    signals.push({ id, match: match[0].trim(), weights: score > 0 ? { [n]: -score } : {} });
    sums.set(n, Math.min(score, 0));
  };
  suppress('context:third_party_works', THIRD_PARTY_WORKS.exec(allText), 7);
  // Exchange Online PowerShell against the partner's own tenant is not issue 6, unless the ask also
  // says the same people reach customers.
  const named = new Set(signals.map((s) => s.id));
  const reachesCustomers = (named.has('uses_delegated_admin') || named.has('customer_tenants')) && !named.has('does_not_use_delegated_admin');
  suppress('context:own_tenant', reachesCustomers ? null : OWN_TENANT.exec(allText), 6);

  // Whole-ticket readings that mean no exception is being asked for.
  const asks = REQUEST.test(askText);
  const notAsking: [string, RegExpExecArray | null][] = [
    ['context:existing_exception', background.some((c) => c.role === 'existing_exception') && !asks ? EXISTING_QUESTION.exec(allText) : null],
    ['context:hypothetical', background.some((c) => c.role === 'hypothetical') && !asks ? questionIn(clauses) : null],
    ['context:no_request', !asks ? NO_REQUEST.exec(allText) : null],
  ];
  // A how-to question with nothing asked for is a question, whatever it names.
  const howTo = signals.find((s) => s.id === 'how_to_question');
  if (howTo && !asks) notAsking.push(['context:question', [howTo.match] as unknown as RegExpExecArray]);
  const statesProblem = FAILURE.test(askText) || signals.some((s) => s.id === 'mfa_claim_not_passed' || s.id === 'needs_more_time');
  const question = ask.map((c) => QUESTION.exec(c.raw)).find((m) => m !== null) ?? null;
  const asksOtherQuestion = question !== null && !ELIGIBILITY_QUESTION.test(askText) && !ask.some((c) => BARE_EXCEPTION_QUESTION.test(c.raw));
  // A question with no request and no problem stated (who is in scope, what a setting does) is a question.
  if (!asks && !statesProblem && asksOtherQuestion && !howTo) notAsking.push(['context:question', question]);
  for (const [id, match] of notAsking) {
    if (!match) continue;
    penalty += CONTEXT_PENALTY;
    signals.push({ id, match: match[0].trim(), weights: {} });
  }

  let candidates = ISSUES.map((knownIssue) => ({ knownIssue, score: round(Math.max(0, sums.get(knownIssue)! - penalty)) }))
    .filter((c) => c.score > 0)
    .sort((a, b) => b.score - a.score || TIE_ORDER.indexOf(a.knownIssue) - TIE_ORDER.indexOf(b.knownIssue));

  // 6 and 7 not for a ticket that asks no exception but some other question (when it expires, what it
  // covers, whether a set-up is fine): a reviewer reads it.
  if (!asks && asksOtherQuestion) {
    const weak = candidates.filter((c) => MAY_BE_VALID.has(c.knownIssue));
    if (weak.length > 0) signals.push({ id: 'context:no_problem_stated', match: '', weights: Object.fromEntries(weak.map((c) => [c.knownIssue, -c.score])) });
    candidates = candidates.filter((c) => !MAY_BE_VALID.has(c.knownIssue));
  }
  const [top, second] = candidates;
  const bar = top && MAY_BE_VALID.has(top.knownIssue) ? MIN_SCORE_MAY_BE_VALID : MIN_SCORE;
  if (!top || top.score < bar) {
    const topScore = top?.score ?? 0;
    const reason: AbstainReason = penalty > 0 ? 'not_an_exception_request' : 'no_evidence';
    return {
      knownIssue: null,
      eligibility: 'undetermined',
      confidence: round(clamp(1 - topScore / (bar * 1.5), 0.3, 0.95)),
      guidance: unclassifiedGuidance(reason, locale),
      missingDetails: [],
      candidates: candidates.slice(0, 3),
      signals,
      abstainReason: reason,
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

/**
 * The issue signals matched in some clauses. Group signals (who is affected) are read clause by clause
 * and skip a clause saying that group already has MFA ("12 名は登録済み"); the others read the clauses
 * as one text.
 */
function matchSignals(clauses: readonly ReadClause[]): MatchedSignal[] {
  if (clauses.length === 0) return [];
  const text = joinText(clauses);
  const open = clauses.map((c) => c.text).filter((clause) => !DONE_CLAUSE.test(clause));
  const signals: MatchedSignal[] = [];
  for (const signal of SIGNALS) {
    const match = signal.group ? firstMatch(signal.pattern, open) : signal.pattern.exec(text);
    if (match) signals.push({ id: signal.id, match: match[0].trim(), weights: signal.weights });
  }
  return signals;
}

/** The ticket asks whether something would qualify, or asks any question at all (a plan is asked about, not filed). */
function questionIn(clauses: readonly ReadClause[]): RegExpExecArray | null {
  const eligibility = ELIGIBILITY_QUESTION.exec(joinText(clauses));
  if (eligibility) return eligibility;
  for (const clause of clauses) {
    const question = QUESTION.exec(clause.raw);
    if (question) return question;
  }
  return null;
}

function sumWeights(signals: readonly MatchedSignal[]): Map<KnownIssueNumber, number> {
  const sums = new Map<KnownIssueNumber, number>(ISSUES.map((n) => [n, 0]));
  for (const signal of signals) {
    for (const [issue, weight] of Object.entries(signal.weights) as [string, number][]) {
      const n = Number(issue) as KnownIssueNumber;
      sums.set(n, sums.get(n)! + weight);
    }
  }
  return sums;
}

function joinText(clauses: readonly { text: string }[]): string {
  return clauses.map((c) => c.text).join('').replace(/ {2,}/g, ' ');
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
