// Training for the classifier's learned part (src/classification/domain/learned.ts): the development
// batches, featurised through the classifier's own ticket reading, and two linear models over them
// (multinomial naive Bayes, softmax logistic regression). Deterministic: fixed case order, no sampling.
// Only development files are ever read here: the held-out files are refused by name.
import { readFileSync } from 'node:fs';
import { classify, readTicket } from '../src/classification/domain/classifier.js';
import type { CorpusCase } from '../src/classification/domain/evaluation.js';
import {
  LEARNED_CLASSES,
  ticketFeatures,
  type CombinationRule,
  type FeatureOptions,
  type LearnedModelFile,
} from '../src/classification/domain/learned.js';

/** The development batches, each a fold of the cross-validation. */
export const DEV_BATCHES = [
  'classifier-dev',
  'classifier-dev-2',
  'classifier-dev-3',
  'classifier-dev-4',
  'classifier-dev-5',
  'classifier-dev-6',
  'classifier-dev-7',
  'classifier-dev-8',
  'classifier-dev-9',
  'classifier-dev-10',
  'realistic-dev-1',
  'realistic-dev-2',
  'realistic-dev-3',
  'realistic-dev-4',
  'realistic-dev-5',
  'realistic-dev-6',
  'realistic-dev-7',
  'realistic-dev-8',
  'realistic-dev-9',
  'realistic-dev-10',
  'realistic-dev-11',
  'realistic-dev-12',
  'realistic-dev-13',
  'realistic-dev-14',
  'realistic-dev-15',
  'realistic-dev-16',
  'realistic-dev-17',
  'realistic-dev-18',
] as const;

export interface Batch {
  readonly id: string;
  readonly cases: readonly CorpusCase[];
}

export function loadDevBatches(): Batch[] {
  return DEV_BATCHES.map((id) => {
    if (/holdout/.test(id)) throw new Error(`${id} is held out: never trained or cross-validated on`);
    return { id, cases: JSON.parse(readFileSync(`test/corpus/${id}.json`, 'utf8')) as CorpusCase[] };
  });
}

export const classIndex = (label: CorpusCase['label']): number => LEARNED_CLASSES.indexOf(label);

/** A case read once: its features (under some options) and the rules' answer. */
export interface Example {
  readonly features: ReadonlySet<string>;
  readonly label: number;
}

export function featurise(c: CorpusCase, options: FeatureOptions): Set<string> {
  const ticket = readTicket(c);
  return ticketFeatures(
    ticket.ask.map((x) => x.text),
    ticket.background.map((x) => x.text),
    options,
  );
}

export interface Linear {
  readonly bias: number[];
  readonly weights: Map<string, number[]>;
}

const K = LEARNED_CLASSES.length;

/** The n-grams in at least minDf training cases: the model's vocabulary. */
function vocabulary(examples: readonly Example[], minDf: number): string[] {
  const df = new Map<string, number>();
  for (const e of examples) for (const f of e.features) df.set(f, (df.get(f) ?? 0) + 1);
  return [...df].filter(([, n]) => n >= minDf).map(([f]) => f);
}

/** Multinomial naive Bayes over binary n-gram presence, Laplace-smoothed with alpha. */
export function trainNaiveBayes(examples: readonly Example[], alpha: number, minDf: number): Linear {
  const vocab = vocabulary(examples, minDf);
  const index = new Map(vocab.map((f, i) => [f, i]));
  const counts = vocab.map(() => new Array<number>(K).fill(0));
  const totals = new Array<number>(K).fill(0);
  const docs = new Array<number>(K).fill(0);
  for (const e of examples) {
    docs[e.label]++;
    for (const f of e.features) {
      const i = index.get(f);
      if (i === undefined) continue;
      counts[i][e.label]++;
      totals[e.label]++;
    }
  }
  const bias = docs.map((d) => Math.log((d + 1) / (examples.length + K)));
  const weights = new Map<string, number[]>();
  vocab.forEach((f, i) => {
    weights.set(
      f,
      counts[i].map((n, c) => Math.log((n + alpha) / (totals[c] + alpha * vocab.length))),
    );
  });
  return { bias, weights };
}

/**
 * Softmax logistic regression over binary n-gram presence: plain stochastic gradient descent in the
 * corpus order (no shuffling, so the same data always gives the same weights), L2 on touched weights.
 */
export function trainLogistic(examples: readonly Example[], l2: number, epochs: number, minDf: number): Linear {
  const vocab = new Set(vocabulary(examples, minDf));
  const rows = examples.map((e) => [...e.features].filter((f) => vocab.has(f)).sort());
  const weights = new Map<string, number[]>([...vocab].sort().map((f) => [f, new Array<number>(K).fill(0)]));
  const bias = new Array<number>(K).fill(0);
  for (let epoch = 0; epoch < epochs; epoch++) {
    const rate = 0.5 / (1 + epoch);
    examples.forEach((e, n) => {
      const ws = rows[n].map((f) => weights.get(f)!);
      const scores = bias.map((b, c) => ws.reduce((sum, w) => sum + w[c], b));
      const max = Math.max(...scores);
      const exp = scores.map((s) => Math.exp(s - max));
      const z = exp.reduce((a, b) => a + b, 0);
      for (let c = 0; c < K; c++) {
        const gradient = exp[c] / z - (c === e.label ? 1 : 0);
        bias[c] -= rate * gradient;
        for (const w of ws) w[c] -= rate * (gradient + l2 * w[c]);
      }
    });
  }
  return { bias, weights };
}

/**
 * A model small enough to commit: each n-gram's weights centred on their mean (softmax does not change
 * when one n-gram adds the same to every class), rounded, and n-grams whose weights all stay within
 * minWeight of that mean dropped.
 */
export function compact(model: Linear, minWeight: number, digits: number): { bias: number[]; ngrams: string[]; weights: number[][] } {
  const scale = 10 ** digits;
  const r = (x: number) => Math.round(x * scale) / scale;
  const ngrams: string[] = [];
  const weights: number[][] = [];
  for (const [f, w] of [...model.weights].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const mean = w.reduce((a, b) => a + b, 0) / K;
    const centred = w.map((x) => r(x - mean));
    if (centred.every((x) => Math.abs(x) < minWeight)) continue;
    ngrams.push(f);
    weights.push(centred);
  }
  const biasMean = model.bias.reduce((a, b) => a + b, 0) / K;
  return { bias: model.bias.map((b) => r(b - biasMean)), ngrams, weights };
}

export interface ModelConfig {
  readonly kind: 'naive_bayes' | 'logistic_regression';
  readonly features: FeatureOptions;
  readonly minDf: number;
  /** naive Bayes smoothing */
  readonly alpha?: number;
  /** logistic regression L2 and epochs */
  readonly l2?: number;
  readonly epochs?: number;
  /** compact(): weights nearer the mean than this are dropped, the rest rounded to this many digits */
  readonly minWeight: number;
  readonly digits: number;
}

export function train(examples: readonly Example[], config: ModelConfig): ReturnType<typeof compact> {
  const linear =
    config.kind === 'naive_bayes'
      ? trainNaiveBayes(examples, config.alpha!, config.minDf)
      : trainLogistic(examples, config.l2!, config.epochs!, config.minDf);
  return compact(linear, config.minWeight, config.digits);
}

export function modelFile(
  config: ModelConfig,
  combination: LearnedModelFile['combination'],
  trained: ReturnType<typeof compact>,
  trainedOn: readonly string[],
): LearnedModelFile {
  const { kind, features, ...hyper } = config;
  return { kind, features, combination, ...trained, trainedOn, hyperparameters: { ...hyper } };
}

/** The rules' answers alone (no learned part), for every case of a batch. */
export function rulesAnswers(batch: Batch): ReturnType<typeof classify>[] {
  return batch.cases.map((c) => classify(c, 'en', { model: null }));
}

/** Chosen by `npm run train:classifier -- --cv` (see test/corpus/RESULTS.md, round 3). */
/**
 * Round 9: kept, with 3,610 cases. The cross-validation found nothing clearly better: the best naive
 * Bayes (a=2, df>=3, 874 KiB) gains 0.5 points on batches as first seen (b) and loses 0.2 on the
 * current rules (a); a logistic regression under 300 KiB gains 0.9 in (b), loses 0.5 in (a), makes two
 * costly calls in (a), and its bias for none is so strong that it would undo the rules on short tickets.
 */
export const CHOSEN_MODEL: ModelConfig = {
  kind: 'naive_bayes',
  features: { wordBigrams: true, jaTrigrams: true, background: true },
  minDf: 5,
  alpha: 1,
  minWeight: 0.5,
  digits: 1,
};
/**
 * Round 7: confirmMayBeValid off. The model may no longer name 6 or 7 against the rules, even when the
 * rules' own score for it clears the bar: in the cross-validation that move won one case in (b) and
 * none in (a), and on classifier-dev-6, first seen, it was a costly call (5 -> 6). Costly errors first.
 */
export const CHOSEN_COMBINATION: CombinationRule = {
  minProbability: 0.99,
  maxRuleConfidence: 0.9,
  mayBeValidToNone: true,
  confirmMayBeValid: false,
  onlyRuleCandidates: true,
};

export const MODEL_PATH = 'src/classification/domain/learned-model.json';

/** The model file for the chosen hyperparameters and combination, trained on the given batches. */
export function buildModelFile(batches: readonly Batch[]): LearnedModelFile {
  const examples = batches.flatMap((b) =>
    b.cases.map((c) => ({ features: featurise(c, CHOSEN_MODEL.features), label: classIndex(c.label) })),
  );
  return modelFile(
    CHOSEN_MODEL,
    CHOSEN_COMBINATION,
    train(examples, CHOSEN_MODEL),
    batches.map((b) => b.id),
  );
}

/** One line of JSON (the file is generated: prettier leaves it alone, see .prettierignore). */
export function serialise(file: LearnedModelFile): string {
  return JSON.stringify(file) + '\n';
}
