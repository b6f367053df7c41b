// Names the known issue a request is about, or none. Deterministic and explainable: every point of
// a score comes from a named signal (signals/) that matched a phrase of the normalised text, and the
// answer lists them. The ticket is read for its structure first: noise dropped (ticket-structure.ts),
// each clause's role decided (ticket-reading.ts), the ask told from background (ask-reading.ts); a
// structural reason that changes a score is itself a named signal ("context:resolved", ...).
// No framework imports: the precheck endpoint, filing and the evaluation script all call `classify`.

import type { Candidate, Classification, MatchedSignal } from './classification.js';

export type { Candidate, MatchedSignal } from './classification.js';
import { findKnownIssue, type KnownIssueNumber, type Locale } from './known-issues.js';
import {
  type Ticket,
  abstainText,
  describeTicket,
  otherQuestion,
  preferFirstAsked,
  readNotAsking,
  readOwnTenantPeople,
  requireDefiningEvidence,
  ruleOutIssues,
  setBackgroundAside,
} from './ask-reading.js';
import { Evidence, matchSignals, round } from './evidence.js';
import { combine, loadModel, predict, ticketFeatures, type LearnedModel } from './learned.js';
import learnedModelFile from './learned-model.json' with { type: 'json' };
import { ABSTAIN_SIGNALS, THIRD_PARTY_FORM_SIGNAL } from './signals/index.js';
import { readRoles } from './ticket-reading.js';
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
const MAY_BE_VALID: ReadonlySet<KnownIssueNumber> = new Set([6, 7]);

/**
 * An answer the learned part gave against the rules is stated with at most this confidence: the rules
 * disagreed, and a 6 or 7 above 0.8 is the unsafe call (evaluation.ts).
 */
const LEARNED_MAX_CONFIDENCE = 0.8;

/** The learned part committed with the code (see learned.ts; `npm run train:classifier` writes it). */
export const LEARNED_MODEL: LearnedModel = loadModel(learnedModelFile);

export interface ClassifyOptions {
  /** The learned part to combine with the rules; null for the rules alone. Default: LEARNED_MODEL. */
  readonly model?: LearnedModel | null;
}

export function classify(input: ClassifierInput, locale: Locale = 'en', options: ClassifyOptions = {}): ClassificationResult {
  const ticket = readTicket(input);
  const ruled = classifyByRules(ticket, input, locale);
  const model = options.model === undefined ? LEARNED_MODEL : options.model;
  return model ? applyLearned(ruled, ticket, input, locale, model) : ruled;
}

/** The ticket's structure: noise dropped, each clause's role read, the ask told from background. */
export function readTicket(input: ClassifierInput): Ticket {
  return describeTicket(readRoles(readStructure(input.title ?? '', input.description ?? '').clauses));
}

/**
 * The learned part's say (learned.ts): when it moves the answer, the result is rebuilt for the new
 * answer and names why, as a `learned:` signal per n-gram that weighed most (weights: its log-odds
 * for the new answer) after a `learned:changed` signal giving the model's probability.
 */
function applyLearned(
  ruled: ClassificationResult,
  ticket: Ticket,
  input: ClassifierInput,
  locale: Locale,
  model: LearnedModel,
): ClassificationResult {
  // Rules this sure are never overruled (combine() would keep them): the model is not even run.
  if (ruled.confidence > model.combination.maxRuleConfidence) return ruled;
  // Nor is the first-asked reading (a list's order, which n-grams cannot see).
  if (ruled.signals.some((s) => s.id === 'context:first_asked')) return ruled;
  const features = ticketFeatures(
    ticket.ask.map((c) => c.text),
    ticket.background.map((c) => c.text),
    model.features,
  );
  const prediction = predict(model, features, 0);
  const scores = new Map(ruled.candidates.map((c) => [c.knownIssue, c.score]));
  const answer = combine(
    { knownIssue: ruled.knownIssue, confidence: ruled.confidence, score: (n) => scores.get(n) ?? 0 },
    prediction,
    model.combination,
    MIN_SCORE_MAY_BE_VALID,
  );
  if (answer === ruled.knownIssue) return ruled;
  const probability = round(prediction.probability);
  const signals = [
    ...ruled.signals,
    { id: 'learned:changed', match: `${ruled.knownIssue ?? 'none'} -> ${answer ?? 'none'} (p=${probability})`, weights: {} },
    ...predict(model, features).reasons.map((r) => ({
      id: 'learned:ngram',
      match: r.ngram,
      weights: answer === null ? {} : { [answer]: r.weight },
    })),
  ];
  if (answer === null) {
    return {
      ...ruled,
      knownIssue: null,
      eligibility: 'undetermined',
      confidence: round(Math.min(probability, LEARNED_MAX_CONFIDENCE)),
      guidance: unclassifiedGuidance('no_evidence', locale),
      missingDetails: [],
      signals,
      abstainReason: 'no_evidence',
    };
  }
  const issue = findKnownIssue(answer)!;
  return {
    ...ruled,
    knownIssue: answer,
    eligibility: issue.eligibility,
    confidence: round(clamp(probability, 0.05, LEARNED_MAX_CONFIDENCE)),
    guidance: issue.guidance[locale],
    missingDetails: missingDetails(answer, input),
    signals,
    abstainReason: null,
  };
}

/** The rules alone (signals, readings, bars) on a ticket already read. */
function classifyByRules(ticket: Ticket, input: ClassifierInput, locale: Locale): ClassificationResult {
  const evidence = new Evidence();
  for (const signal of matchSignals(ticket.ask)) evidence.add(signal);
  if (input.thirdPartyMfa && (input.thirdPartyMfa.provider || input.thirdPartyMfa.integrationMethod)) {
    evidence.add({ id: THIRD_PARTY_FORM_SIGNAL.id, match: 'thirdPartyMfa', weights: THIRD_PARTY_FORM_SIGNAL.weights });
  }
  const offTopicText = abstainText(ticket);
  for (const abstain of ABSTAIN_SIGNALS) {
    const match = abstain.pattern.exec(offTopicText);
    if (match) evidence.abstain(abstain.id, match[0].trim(), abstain.penalty);
  }
  setBackgroundAside(evidence, ticket);
  ruleOutIssues(evidence, ticket);
  requireDefiningEvidence(evidence, ticket);
  readOwnTenantPeople(evidence, ticket);
  preferFirstAsked(evidence, ticket);
  readNotAsking(evidence, ticket);

  let candidates = evidence.candidates();
  // A ticket about 6 or 7 that asks no exception but some other question (when it expires, what it
  // covers, whether a set-up is fine) is not named at all: a reviewer reads it. When 6 or 7 is only a
  // runner-up, it is set aside and the others compete.
  const question = otherQuestion(ticket);
  const mayBeValid = candidates.filter((c) => MAY_BE_VALID.has(c.knownIssue));
  let asksOtherQuestion = false;
  if (question && mayBeValid.length > 0) {
    const weights = Object.fromEntries(mayBeValid.map((c) => [c.knownIssue, -c.score]));
    evidence.signals.push({ id: 'context:other_question', match: question[0].trim(), weights });
    asksOtherQuestion = MAY_BE_VALID.has(candidates[0].knownIssue);
    candidates = asksOtherQuestion ? [] : candidates.filter((c) => !MAY_BE_VALID.has(c.knownIssue));
  }
  const reason: AbstainReason = evidence.penalty > 0 || asksOtherQuestion ? 'not_an_exception_request' : 'no_evidence';
  return decide(candidates, evidence, reason, input, locale);
}

/** Names the top candidate if it clears its bar; otherwise none, for the reason given. */
function decide(
  candidates: Candidate[],
  evidence: Evidence,
  reason: AbstainReason,
  input: ClassifierInput,
  locale: Locale,
): ClassificationResult {
  const [top, second] = candidates;
  const bar = top && MAY_BE_VALID.has(top.knownIssue) ? MIN_SCORE_MAY_BE_VALID : MIN_SCORE;
  if (!top || top.score < bar) {
    return {
      knownIssue: null,
      eligibility: 'undetermined',
      confidence: round(clamp(1 - (top?.score ?? 0) / (bar * 1.5), 0.3, 0.95)),
      guidance: unclassifiedGuidance(reason, locale),
      missingDetails: [],
      candidates: candidates.slice(0, 3),
      signals: evidence.signals,
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
    signals: evidence.signals,
    abstainReason: null,
  };
}

/** Which of the issue's required details the request does not give (catalogue field paths). */
export function missingDetails(knownIssue: KnownIssueNumber, input: ClassifierInput): string[] {
  const present: Record<string, (i: ClassifierInput) => boolean> = {
    'thirdPartyMfa.provider': (i) => !!i.thirdPartyMfa?.provider?.trim(),
    'thirdPartyMfa.integrationMethod': (i) =>
      i.thirdPartyMfa?.integrationMethod === 'identity_federation' || i.thirdPartyMfa?.integrationMethod === 'custom_controls',
    'thirdPartyMfa.providerConfirmedClaimCannotFlow': (i) => i.thirdPartyMfa?.providerConfirmedClaimCannotFlow === true,
    affectedUserIds: (i) => (i.affectedUserIds?.length ?? 0) > 0,
    description: (i) => !!i.description?.trim(),
  };
  return findKnownIssue(knownIssue)!
    .requiredDetails.map((d) => d.field)
    .filter((field) => !(present[field]?.(input) ?? true));
}

function unclassifiedGuidance(reason: AbstainReason, locale: Locale): string {
  const text = {
    no_evidence: {
      en: 'This request does not match any of the seven known issues. If it is a technical blocker with no workaround, describe the blocker, the affected accounts and surfaces, and why MFA cannot be completed; a reviewer will decide it on its merits.',
      ja: 'この要求は 7 つの既知の問題のいずれにも該当しません。回避策のない技術的な問題である場合は、その内容、対象のアカウントとサーフェス、MFA を完了できない理由を記載してください。レビュー担当者が個別に判断します。',
    },
    not_an_exception_request: {
      en:
        'This does not look like a request for an MFA technical exception (for example a question about an exception already ' +
        'granted, a plan or a what-if, a set-up that already works, a billing, onboarding or API question, or resetting an MFA ' +
        'registration). Please use the matching support topic; file an exception only for a technical blocker to completing MFA today.',
      ja:
        'MFA の技術的な例外の要求ではないようです (承認済みの例外に関するご質問、今後の計画や仮定のご相談、すでに動作している構成、' +
        '請求、オンボーディング、API、MFA 登録のリセットなど)。該当するサポート トピックをご利用ください。技術的な例外は、' +
        '現在 MFA を完了できない技術的な問題がある場合にのみ要求してください。',
    },
  } as const;
  return text[reason][locale];
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
