// The classifier's learned part: a linear model over n-grams of the ticket's ask (word uni- and bigrams,
// Japanese character bi- and trigrams), trained in the repository on the development corpus only
// (`npm run train:classifier`, scripts/train-classifier.ts) and stored as a small JSON file beside this
// one. It is deterministic (no sampling at run time, weights fixed in the file) and explainable: every
// score is a sum of per-n-gram weights, so the n-grams that moved an answer can be named.
//
// It never decides alone. `combine` lets it move the rules' answer only between the not-valid issues
// (1-5) and none; it may take a 6 or 7 back to none, and name 6 or 7 only where the rules' own evidence
// for that issue already clears the may-be-valid bar. How confident it must be is in the model file,
// chosen by leave-one-batch-out cross-validation over the development batches.

import type { KnownIssueNumber } from './known-issues.js';

/** The model's classes, in the order of its weight vectors: issues 1-7, then none. */
export type LearnedClass = KnownIssueNumber | null;
export const LEARNED_CLASSES: readonly LearnedClass[] = [1, 2, 3, 4, 5, 6, 7, null];

export interface FeatureOptions {
  /** Word bigrams as well as unigrams. */
  readonly wordBigrams: boolean;
  /** Japanese character trigrams as well as bigrams. */
  readonly jaTrigrams: boolean;
  /** Unigrams of background clauses (a problem fixed, a plan...), marked as such. */
  readonly background: boolean;
}

/** When the model may change the rules' answer. */
export interface CombinationRule {
  /** The model's top class needs at least this probability to change anything. */
  readonly minProbability: number;
  /** Only answers the rules give with at most this confidence may be changed (1: any). */
  readonly maxRuleConfidence: number;
  /** The model may take the rules' 6 or 7 back to none (never to another issue). */
  readonly mayBeValidToNone: boolean;
  /** The model may name 6 or 7 where the rules' score for it clears the may-be-valid bar. */
  readonly confirmMayBeValid: boolean;
  /** The model may only choose none or an issue the rules already score (it re-ranks their candidates). */
  readonly onlyRuleCandidates: boolean;
}

/** The model as stored (learned-model.json): parallel arrays, so the file stays small and typed simply. */
export interface LearnedModelFile {
  readonly kind: string;
  readonly features: FeatureOptions;
  readonly combination: CombinationRule;
  /** Per class (LEARNED_CLASSES order). */
  readonly bias: readonly number[];
  /** The n-grams with a weight, and their per-class weights (LEARNED_CLASSES order), index by index. */
  readonly ngrams: readonly string[];
  readonly weights: readonly (readonly number[])[];
  /** What it was trained on and how, for the record. */
  readonly trainedOn: readonly string[];
  readonly hyperparameters: Readonly<Record<string, string | number | boolean>>;
}

export interface LearnedModel {
  readonly features: FeatureOptions;
  readonly combination: CombinationRule;
  readonly bias: readonly number[];
  readonly weights: ReadonlyMap<string, readonly number[]>;
}

export function loadModel(file: LearnedModelFile): LearnedModel {
  return {
    features: file.features,
    combination: file.combination,
    bias: file.bias,
    weights: new Map(file.ngrams.map((ngram, i) => [ngram, file.weights[i]])),
  };
}

const WORD = /[a-z0-9]+/g;
const JAPANESE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々]+/gu;

/** The n-grams of some normalised clauses (text-normalizer.ts output), each once. */
export function ngrams(clauses: readonly string[], options: FeatureOptions, prefix = ''): Set<string> {
  const out = new Set<string>();
  for (const clause of clauses) {
    const words = (clause.match(WORD) ?? []).map((w) => (/^\d+$/.test(w) ? '#' : w));
    for (let i = 0; i < words.length; i++) {
      out.add(`${prefix}${words[i]}`);
      if (options.wordBigrams && !prefix && i + 1 < words.length) out.add(`${words[i]} ${words[i + 1]}`);
    }
    if (prefix) continue;
    for (const run of clause.match(JAPANESE) ?? []) {
      for (let i = 0; i + 2 <= run.length; i++) out.add(run.slice(i, i + 2));
      if (options.jaTrigrams) for (let i = 0; i + 3 <= run.length; i++) out.add(run.slice(i, i + 3));
    }
  }
  return out;
}

/** The features of a ticket read into ask and background clauses. */
export function ticketFeatures(ask: readonly string[], background: readonly string[], options: FeatureOptions): Set<string> {
  const features = ngrams(ask, options);
  if (options.background) for (const f of ngrams(background, options, 'bg:')) features.add(f);
  return features;
}

export interface LearnedPrediction {
  /** Probability of each class (LEARNED_CLASSES order). */
  readonly probabilities: readonly number[];
  readonly top: LearnedClass;
  readonly probability: number;
  /** The n-grams that weigh most for the top class against the class average, best first. */
  readonly reasons: readonly { readonly ngram: string; readonly weight: number }[];
}

export function predict(model: LearnedModel, features: Iterable<string>, reasons = 3): LearnedPrediction {
  const scores = [...model.bias];
  const present: (readonly number[])[] = [];
  const names: string[] = [];
  for (const f of features) {
    const w = model.weights.get(f);
    if (!w) continue;
    present.push(w);
    names.push(f);
    for (let c = 0; c < scores.length; c++) scores[c] += w[c];
  }
  const probabilities = softmax(scores);
  let top = 0;
  for (let c = 1; c < probabilities.length; c++) if (probabilities[c] > probabilities[top]) top = c;
  if (reasons === 0) return { probabilities, top: LEARNED_CLASSES[top], probability: probabilities[top], reasons: [] };
  const ranked = present
    .map((w, i) => ({ ngram: names[i], weight: w[top] - w.reduce((a, b) => a + b, 0) / w.length }))
    .filter((r) => r.weight > 0)
    .sort((a, b) => b.weight - a.weight || (a.ngram < b.ngram ? -1 : 1))
    .slice(0, reasons)
    .map((r) => ({ ngram: r.ngram, weight: Math.round(r.weight * 100) / 100 }));
  return { probabilities, top: LEARNED_CLASSES[top], probability: probabilities[top], reasons: ranked };
}

/** What the rules answered, as much as the combination needs. */
export interface RulesAnswer {
  readonly knownIssue: LearnedClass;
  readonly confidence: number;
  /** The rules' score for an issue (after every reading), 0 when it is no candidate. */
  readonly score: (issue: KnownIssueNumber) => number;
}

const MAY_BE_VALID: readonly LearnedClass[] = [6, 7];

/**
 * The answer after the learned part: the rules' own unless the model is confident enough, the rules
 * are not, and the move is one the model is allowed to make (see the file's header).
 */
export function combine(
  rules: RulesAnswer,
  prediction: Pick<LearnedPrediction, 'top' | 'probability'>,
  rule: CombinationRule,
  mayBeValidBar: number,
): LearnedClass {
  const { top, probability } = prediction;
  if (top === rules.knownIssue || probability < rule.minProbability || rules.confidence > rule.maxRuleConfidence) return rules.knownIssue;
  if (MAY_BE_VALID.includes(rules.knownIssue)) return top === null && rule.mayBeValidToNone ? null : rules.knownIssue;
  if (MAY_BE_VALID.includes(top)) return rule.confirmMayBeValid && rules.score(top!) >= mayBeValidBar ? top : rules.knownIssue;
  if (top !== null && rule.onlyRuleCandidates && rules.score(top) <= 0) return rules.knownIssue;
  return top;
}

function softmax(scores: readonly number[]): number[] {
  const max = Math.max(...scores);
  const exp = scores.map((s) => Math.exp(s - max));
  const sum = exp.reduce((a, b) => a + b, 0);
  return exp.map((e) => e / sum);
}
