// npm run eval:classifier [-- --errors]
// Prints accuracy, macro-F1, per-language accuracy and the confusion matrix of each corpus part, and
// exits non-zero when the held-out part misses its bars (accuracy >= 95%, no unsafe calls).
import { readFileSync } from 'node:fs';
import { evaluate, CLASS_LABELS, type CorpusCase, type Report } from '../src/classification/domain/evaluation.js';

const PARTS = [
  {
    name: 'development (rules tuned on it)',
    files: ['test/corpus/classifier-dev.json', 'test/corpus/classifier-dev-2.json', 'test/corpus/classifier-dev-3.json'],
  },
  { name: 'held-out test (never tuned on)', files: ['test/corpus/classifier-holdout.json'] },
];
const showErrors = process.argv.includes('--errors');
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

let heldOut: Report | undefined;
for (const part of PARTS) {
  const cases = part.files.flatMap((file) => JSON.parse(readFileSync(file, 'utf8')) as CorpusCase[]);
  const report = evaluate(cases);
  const isHeldOut = part.files.some((file) => file.includes('holdout'));
  if (isHeldOut) heldOut = report;
  console.log(`\n== ${part.name}: ${part.files.join(', ')}`);
  console.log(
    `cases ${report.total}   accuracy ${pct(report.accuracy)}   macro-F1 ${report.macroF1.toFixed(3)}   unsafe (not_valid called may_be_valid > 0.8): ${report.unsafe.length}`,
  );
  console.log(
    `by language: ${Object.entries(report.byLanguage)
      .map(([lang, r]) => `${lang} ${pct(r.accuracy)} (${r.total})`)
      .join('   ')}`,
  );
  console.log(`confusion (rows: actual, columns: predicted)`);
  console.log(['actual', ...CLASS_LABELS].map((l) => String(l).padStart(6)).join(''));
  for (const actual of CLASS_LABELS) {
    console.log([String(actual), ...CLASS_LABELS.map((p) => String(report.confusion[actual][p]))].map((v) => v.padStart(6)).join(''));
  }
  // Errors are listed for the development part only: reading the held-out errors would tune on them.
  if (showErrors && !isHeldOut) {
    for (const e of report.errors) {
      console.log(
        `  ✗ ${e.case.id} [${e.case.lang}] expected ${e.case.label ?? 'none'} got ${e.result.knownIssue ?? 'none'} (${e.result.confidence}) ${e.result.candidates.map((c) => `${c.knownIssue}:${c.score}`).join(' ')} | ${e.result.signals.map((s) => s.id).join(',')} | ${e.case.title}`,
      );
    }
  }
}
const pass = heldOut !== undefined && heldOut.accuracy >= 0.95 && heldOut.unsafe.length === 0;
console.log(`\nheld-out bars (accuracy >= 95%, no unsafe call): ${pass ? 'met' : 'NOT met'}`);
process.exit(pass ? 0 : 1);
