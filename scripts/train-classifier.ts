// npm run train:classifier [-- --cv]
// Trains the classifier's learned part on every development batch with the hyperparameters and the
// combination rule below, and writes src/classification/domain/learned-model.json.
//
// --cv runs the leave-one-batch-out cross-validation that chose them: for each development batch, a
// model trained on the other batches is combined with the rules and scored on it, for every model and
// combination in the grid. Two baselines for "the rules":
//   (a) the current rules: tuned on every development batch, so 100% on each fold by construction;
//   (b) the rules as they were when the batch was first seen (the commit before any tuning on it), for
//       realistic-dev-1..6 only: how the rules do on tickets they were not written against, which is
//       the situation the learned part is for.
// The choice maximises the cases right in (a) and (b) together (1,190 + 770), with costly calls not up
// in either: (b) alone rewards overriding the rules, (a) alone never does, and the rules on unseen
// tickets (about 90% on the held-out sets) sit between the two.
// The ticket reading that gives the features is today's in both (tuned on every batch), so (b) is
// somewhat optimistic for the learned part. Held-out files are never read.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClassificationResult, ClassifierInput } from '../src/classification/domain/classifier.js';
import { MIN_SCORE_MAY_BE_VALID } from '../src/classification/domain/classifier.js';
import {
  combine,
  loadModel,
  predict,
  type CombinationRule,
  type FeatureOptions,
  type LearnedClass,
  type LearnedModelFile,
} from '../src/classification/domain/learned.js';
import {
  buildModelFile,
  CHOSEN_COMBINATION,
  CHOSEN_MODEL,
  classIndex,
  featurise,
  loadDevBatches,
  MODEL_PATH,
  modelFile,
  serialise,
  rulesAnswers,
  train,
  type Batch,
  type Example,
  type ModelConfig,
} from './classifier-training.js';

/** The commit of the rules before any tuning on each realistic batch (its first-seen classifier). */
const FIRST_SEEN_RULES: Readonly<Record<string, string>> = {
  'realistic-dev-1': '3b64bca',
  'realistic-dev-2': '145da2c',
  'realistic-dev-3': '4af0c29',
  'realistic-dev-4': '36c1a3d',
  'realistic-dev-5': 'd6fdc2f',
  'realistic-dev-6': '95c3235',
  'realistic-dev-7': '62a547c',
  'realistic-dev-8': '74225c6',
  'realistic-dev-9': 'd57d76a',
  'realistic-dev-10': '12e793d',
  'realistic-dev-11': 'd57d76a',
  'realistic-dev-12': '8ce6b75',
  'realistic-dev-13': '8ce6b75',
  'realistic-dev-14': '0cd7f4f',
  'realistic-dev-15': '9d89464',
  'realistic-dev-16': '9d89464',
  'realistic-dev-17': '21cd9a4',
  'realistic-dev-18': 'a862f4a',
};

const MODEL_GRID: readonly ModelConfig[] = (() => {
  const features: FeatureOptions[] = [
    { wordBigrams: false, jaTrigrams: false, background: false },
    { wordBigrams: true, jaTrigrams: true, background: false },
    { wordBigrams: true, jaTrigrams: true, background: true },
  ];
  const grid: ModelConfig[] = [];
  for (const f of features) {
    for (const alpha of [0.5, 1, 2])
      for (const minDf of [2, 3, 5])
        for (const minWeight of [0.5, 1]) grid.push({ kind: 'naive_bayes', features: f, minDf, alpha, minWeight, digits: 1 });
    for (const l2 of [1e-4, 1e-3])
      grid.push({ kind: 'logistic_regression', features: f, minDf: 2, l2, epochs: 15, minWeight: 0.05, digits: 2 });
  }
  return grid;
})();

/** The committed model file may not be larger than this (the test in classifier-learned.spec.ts too). */
const MAX_MODEL_BYTES = 1024 * 1024;

const COMBINATION_GRID: readonly CombinationRule[] = (() => {
  const grid: CombinationRule[] = [];
  for (const minProbability of [0.5, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995, 0.999])
    for (const maxRuleConfidence of [1, 0.9, 0.8, 0.7, 0.6, 0.5])
      for (const mayBeValidToNone of [false, true])
        for (const confirmMayBeValid of [false, true])
          for (const onlyRuleCandidates of [false, true])
            grid.push({ minProbability, maxRuleConfidence, mayBeValidToNone, confirmMayBeValid, onlyRuleCandidates });
  return grid;
})();

const batches = loadDevBatches();

function examplesOf(batch: Batch, features: FeatureOptions): Example[] {
  return batch.cases.map((c) => ({ features: featurise(c, features), label: classIndex(c.label) }));
}

function trainAndWrite(): void {
  const json = serialise(buildModelFile(batches));
  writeFileSync(MODEL_PATH, json);
  const file = JSON.parse(json) as LearnedModelFile;
  console.log(
    `trained ${CHOSEN_MODEL.kind} on ${batches.reduce((n, b) => n + b.cases.length, 0)} cases (${file.trainedOn.join(', ')}): ` +
      `${file.ngrams.length} n-grams, ${(Buffer.byteLength(json) / 1024).toFixed(0)} KiB -> ${MODEL_PATH}`,
  );
}

interface Outcome {
  correct: number;
  total: number;
  costly: number;
  notMayBeValid: number;
  changed: number;
}
const empty = (): Outcome => ({ correct: 0, total: 0, costly: 0, notMayBeValid: 0, changed: 0 });
const add = (o: Outcome, label: LearnedClass, rules: LearnedClass, answer: LearnedClass) => {
  o.total++;
  if (answer === label) o.correct++;
  if (answer !== rules) o.changed++;
  if (label === null || label <= 5) {
    o.notMayBeValid++;
    if (answer === 6 || answer === 7) o.costly++;
  }
};
const pct = (o: Outcome) => `${((o.correct / o.total) * 100).toFixed(1)}%`;
const describe = (o: Outcome) => `${pct(o)} (costly ${o.costly}, changed ${o.changed})`;

async function firstSeenRules(): Promise<Map<string, ClassificationResult[]>> {
  const root = mkdtempSync(join(tmpdir(), 'first-seen-rules-'));
  const answers = new Map<string, ClassificationResult[]>();
  for (const batch of batches) {
    const commit = FIRST_SEEN_RULES[batch.id];
    if (!commit) continue;
    const dir = join(root, commit);
    mkdirSync(dir, { recursive: true });
    execFileSync('tar', ['-x', '-C', dir], { input: execFileSync('git', ['archive', commit, 'src/classification/domain']) });
    const old = (await import(join(dir, 'src/classification/domain/classifier.ts'))) as {
      classify: (input: ClassifierInput) => ClassificationResult;
    };
    answers.set(
      batch.id,
      batch.cases.map((c) => old.classify(c)),
    );
  }
  return answers;
}

async function crossValidate(): Promise<void> {
  const current = new Map(batches.map((b) => [b.id, rulesAnswers(b)]));
  const firstSeen = await firstSeenRules();
  const baselines = { a: empty(), b: empty() };
  for (const batch of batches) {
    batch.cases.forEach((c, i) => {
      add(baselines.a, c.label, current.get(batch.id)![i].knownIssue, current.get(batch.id)![i].knownIssue);
      const old = firstSeen.get(batch.id)?.[i];
      if (old) add(baselines.b, c.label, old.knownIssue, old.knownIssue);
    });
  }
  console.log(`rules alone: (a) current rules ${describe(baselines.a)}   (b) first-seen rules ${describe(baselines.b)}\n`);

  const results: {
    model: ModelConfig;
    combination: CombinationRule;
    a: Outcome;
    b: Outcome;
    alone: Outcome;
    perFold: Map<string, Outcome>;
  }[] = [];
  const featureCache = new Map<string, Map<string, Example[]>>();
  const sizes = new Map<ModelConfig, number>();
  const changesA: string[] = [];
  for (const model of MODEL_GRID) {
    const key = JSON.stringify(model.features);
    if (!featureCache.has(key)) featureCache.set(key, new Map(batches.map((b) => [b.id, examplesOf(b, model.features)])));
    const examples = featureCache.get(key)!;
    // Each fold's predictions by a model trained on the other batches.
    const predictions = new Map<string, ReturnType<typeof predict>[]>();
    const alone = empty();
    for (const batch of batches) {
      const trainOn = batches.filter((b) => b.id !== batch.id).flatMap((b) => examples.get(b.id)!);
      const trained = loadModel(modelFile(model, COMBINATION_GRID[0], train(trainOn, model), []));
      const predicted = examples.get(batch.id)!.map((e) => predict(trained, e.features, 0));
      predictions.set(batch.id, predicted);
      batch.cases.forEach((c, i) => add(alone, c.label, predicted[i].top, predicted[i].top));
    }
    for (const combination of COMBINATION_GRID) {
      const a = empty();
      const b = empty();
      const perFold = new Map<string, Outcome>();
      for (const batch of batches) {
        const fold = empty();
        batch.cases.forEach((c, i) => {
          const p = predictions.get(batch.id)![i];
          const ruled = current.get(batch.id)![i];
          const answerA = combined(ruled, p, combination);
          add(a, c.label, ruled.knownIssue, answerA);
          if (answerA !== ruled.knownIssue && isChosen(model, combination))
            changesA.push(`${c.id}: rules ${ruled.knownIssue ?? 'none'} -> ${answerA ?? 'none'} (label ${c.label ?? 'none'})`);
          const old = firstSeen.get(batch.id)?.[i];
          if (old) {
            const answer = combined(old, p, combination);
            add(b, c.label, old.knownIssue, answer);
            add(fold, c.label, old.knownIssue, answer);
          }
        });
        if (fold.total > 0) perFold.set(batch.id, fold);
      }
      results.push({ model, combination, a, b, alone, perFold });
    }
    const bytes = Buffer.byteLength(
      JSON.stringify(
        modelFile(
          model,
          COMBINATION_GRID[0],
          train(
            batches.flatMap((b) => examples.get(b.id)!),
            model,
          ),
          [],
        ),
      ),
    );
    sizes.set(model, bytes);
    console.log(`${label(model)}: model alone ${describe(alone)}, ${(bytes / 1024).toFixed(0)} KiB trained on all`);
  }

  const admissible = results.filter(
    (r) => r.b.costly <= baselines.b.costly && r.a.costly <= baselines.a.costly && sizes.get(r.model)! <= MAX_MODEL_BYTES,
  );
  admissible.sort(
    (x, y) =>
      y.a.correct + y.b.correct - (x.a.correct + x.b.correct) ||
      y.b.correct - x.b.correct ||
      y.combination.minProbability - x.combination.minProbability ||
      x.combination.maxRuleConfidence - y.combination.maxRuleConfidence,
  );
  console.log(
    `\nbest 15 by cases right in (a) and (b) together, costly not up in (a) or (b), model <= 1 MiB [${admissible.length} of ${results.length} admissible]:`,
  );
  console.log('| model | combination | (b) first-seen rules + model | (a) current rules + model |');
  console.log('| --- | --- | ---: | ---: |');
  for (const r of admissible.slice(0, 15))
    console.log(`| ${label(r.model)} | ${comb(r.combination)} | ${describe(r.b)} | ${describe(r.a)} |`);
  const chosen = results.find((r) => isChosen(r.model, r.combination));
  if (chosen) {
    console.log(`\nthe committed choice: ${label(chosen.model)}, ${comb(chosen.combination)}`);
    console.log('| fold | first-seen rules | + model |');
    console.log('| --- | ---: | ---: |');
    for (const batch of batches) {
      const fold = chosen.perFold.get(batch.id);
      if (!fold) continue;
      const rules = empty();
      batch.cases.forEach((c, i) => add(rules, c.label, firstSeen.get(batch.id)![i].knownIssue, firstSeen.get(batch.id)![i].knownIssue));
      console.log(`| ${batch.id} | ${describe(rules)} | ${describe(fold)} |`);
    }
    console.log(`| all (b) | ${describe(baselines.b)} | ${describe(chosen.b)} |`);
    console.log(`| all (a), current rules, 9 folds | ${describe(baselines.a)} | ${describe(chosen.a)} |`);
    console.log(`\n(a): answers of the current rules the chosen combination changes (development cases):`);
    for (const change of changesA) console.log(`  ${change}`);
  }
}

function combined(ruled: ClassificationResult, p: ReturnType<typeof predict>, rule: CombinationRule): LearnedClass {
  const scores = new Map(ruled.candidates.map((c) => [c.knownIssue, c.score]));
  return combine(
    { knownIssue: ruled.knownIssue, confidence: ruled.confidence, score: (n) => scores.get(n) ?? 0 },
    p,
    rule,
    MIN_SCORE_MAY_BE_VALID,
  );
}

function label(m: ModelConfig): string {
  const f = m.features;
  const feats = `${f.wordBigrams ? 'w1+2' : 'w1'}${f.jaTrigrams ? ' ja2+3' : ' ja2'}${f.background ? ' +bg' : ''}`;
  return m.kind === 'naive_bayes' ? `NB a=${m.alpha} df>=${m.minDf} w>=${m.minWeight} ${feats}` : `LR l2=${m.l2} ${feats}`;
}

function comb(c: CombinationRule): string {
  return `p>=${c.minProbability} conf<=${c.maxRuleConfidence}${c.mayBeValidToNone ? ' 6/7->none' : ''}${c.confirmMayBeValid ? ' confirm6/7' : ''}${c.onlyRuleCandidates ? ' candidates-only' : ''}`;
}

function isChosen(model: ModelConfig, combination: CombinationRule): boolean {
  return JSON.stringify(model) === JSON.stringify(CHOSEN_MODEL) && JSON.stringify(combination) === JSON.stringify(CHOSEN_COMBINATION);
}

if (process.argv.includes('--cv')) await crossValidate();
else trainAndWrite();
