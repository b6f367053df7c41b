// npm run eval:classifier [-- --errors[=part,part]]
// Prints, for each corpus part: accuracy, macro-F1, accuracy per language, the confusion matrix, the
// unsafe count and the costly rate (not valid or none called 6 or 7 at any confidence). Exits non-zero
// when the bars of GitHub issue 14 are missed: accuracy >= 95%, Japanese accuracy >= 93% and costly <= 1%
// on the issue's new realistic held-out set (realistic-holdout) and on every realistic held-out set taken
// together (realistic-holdout-all); the old held-out part no worse than its 96.7%. The same bars on each
// later set on its own (realistic-holdout-2 … -7) are printed too, but do not decide the exit code: with
// about 140 not-valid cases a set the costly allowance is one call, and a classifier whose true costly rate
// is 0.6% shows two or more on a given set about one time in five (test/corpus/RESULTS.md, round 9).
//
// --errors lists the misclassified cases of every development part; --errors=realistic-dev-1 (a
// comma-separated list of part ids) only of those, so that a batch can stay unseen until it is scored.
// Held-out errors are never listed: reading them would tune on them.
//
// --markdown also prints every part's figures as one Markdown table (the one test/corpus/RESULTS.md uses).
//
// --dev scores the development parts only: held-out files are not even read, and no bar is checked
// (exit 0). Use it while tuning, so that no held-out figure is seen until the choices are frozen.
import { readFileSync } from 'node:fs';
import { evaluate, CLASS_LABELS, type CorpusCase, type Report } from '../src/classification/domain/evaluation.js';

interface Part {
  readonly id: string;
  readonly name: string;
  readonly files: readonly string[];
  readonly heldOut: boolean;
  /** An aggregate of parts listed on their own: its errors are listed there, not twice. */
  readonly aggregate?: true;
}

const corpus = (name: string) => `test/corpus/${name}.json`;
const PARTS: readonly Part[] = [
  {
    id: 'old-dev',
    name: 'old development (tidy style, rules tuned on it)',
    files: ['classifier-dev', 'classifier-dev-2', 'classifier-dev-3'].map(corpus),
    heldOut: false,
  },
  {
    id: 'old-dev-4',
    name: 'old development batch 4 (tidy style, a new writer)',
    files: [corpus('classifier-dev-4')],
    heldOut: false,
  },
  {
    id: 'old-dev-5',
    name: 'old development batch 5 (tidy style, English-heavy, a new writer)',
    files: [corpus('classifier-dev-5')],
    heldOut: false,
  },
  {
    id: 'old-dev-6',
    name: 'old development batch 6 (tidy style, English-heavy, a new writer)',
    files: [corpus('classifier-dev-6')],
    heldOut: false,
  },
  {
    id: 'old-dev-7',
    name: 'old development batch 7 (tidy style, English-heavy, a new writer)',
    files: [corpus('classifier-dev-7')],
    heldOut: false,
  },
  {
    id: 'old-dev-8',
    name: 'old development batch 8 (tidy style, a new writer in round 9)',
    files: [corpus('classifier-dev-8')],
    heldOut: false,
  },
  {
    id: 'old-dev-9',
    name: 'old development batch 9 (tidy style, mixed-language-heavy, a new writer in round 9)',
    files: [corpus('classifier-dev-9')],
    heldOut: false,
  },
  {
    id: 'old-dev-10',
    name: 'old development batch 10 (tidy style, indirect wording, a new writer in round 9)',
    files: [corpus('classifier-dev-10')],
    heldOut: false,
  },
  { id: 'old-holdout', name: 'old held-out (tidy style, never tuned on)', files: [corpus('classifier-holdout')], heldOut: true },
  { id: 'realistic-dev-1', name: 'realistic development batch 1', files: [corpus('realistic-dev-1')], heldOut: false },
  { id: 'realistic-dev-2', name: 'realistic development batch 2', files: [corpus('realistic-dev-2')], heldOut: false },
  { id: 'realistic-dev-3', name: 'realistic development batch 3', files: [corpus('realistic-dev-3')], heldOut: false },
  {
    id: 'realistic-dev-4',
    name: 'realistic development batch 4 (Japanese-heavy)',
    files: [corpus('realistic-dev-4')],
    heldOut: false,
  },
  { id: 'realistic-dev-5', name: 'realistic development batch 5 (hard negatives)', files: [corpus('realistic-dev-5')], heldOut: false },
  { id: 'realistic-dev-6', name: 'realistic development batch 6 (a new writer)', files: [corpus('realistic-dev-6')], heldOut: false },
  {
    id: 'realistic-dev-7',
    name: 'realistic development batch 7 (another writer, Japanese-heavy)',
    files: [corpus('realistic-dev-7')],
    heldOut: false,
  },
  {
    id: 'realistic-dev-8',
    name: 'realistic development batch 8 (another writer, the hard kinds of issue 14)',
    files: [corpus('realistic-dev-8')],
    heldOut: false,
  },
  {
    id: 'realistic-dev-9',
    name: 'realistic development batch 9 (another writer, costly kinds: PowerShell and third-party MFA named, not asked)',
    files: [corpus('realistic-dev-9')],
    heldOut: false,
  },
  {
    id: 'realistic-dev-10',
    name: 'realistic development batch 10 (another writer, Japanese-heavy)',
    files: [corpus('realistic-dev-10')],
    heldOut: false,
  },
  {
    id: 'realistic-dev-11',
    name: 'realistic development batch 11 (another writer, costly kinds, same brief as batch 9)',
    files: [corpus('realistic-dev-11')],
    heldOut: false,
  },
  {
    id: 'realistic-dev-12',
    name: 'realistic development batch 12 (a second writer of the batch-10 brief)',
    files: [corpus('realistic-dev-12')],
    heldOut: false,
  },
  {
    id: 'realistic-dev-13',
    name: 'realistic development batch 13 (another writer, mixed languages, costly kinds)',
    files: [corpus('realistic-dev-13')],
    heldOut: false,
  },
  {
    id: 'realistic-dev-14',
    name: 'realistic development batch 14 (a new writer in round 9, costly kinds)',
    files: [corpus('realistic-dev-14')],
    heldOut: false,
  },
  {
    id: 'realistic-dev-15',
    name: 'realistic development batch 15 (a new writer in round 9, Japanese-heavy)',
    files: [corpus('realistic-dev-15')],
    heldOut: false,
  },
  {
    id: 'realistic-dev-16',
    name: 'realistic development batch 16 (a new writer in round 9, lists, follow-ups, short tickets)',
    files: [corpus('realistic-dev-16')],
    heldOut: false,
  },
  {
    id: 'realistic-dev-17',
    name: 'realistic development batch 17 (a new writer in round 9, costly kinds, Japanese and mixed)',
    files: [corpus('realistic-dev-17')],
    heldOut: false,
  },
  {
    id: 'realistic-dev-18',
    name: 'realistic development batch 18 (a new writer in round 9, forwarded mail, resellers)',
    files: [corpus('realistic-dev-18')],
    heldOut: false,
  },
  {
    id: 'realistic-dev',
    name: 'realistic development, batches 1-18 together',
    files: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18].map((n) => corpus(`realistic-dev-${n}`)),
    heldOut: false,
    aggregate: true,
  },
  {
    id: 'realistic-holdout',
    name: 'realistic held-out (never looked at, never tuned on)',
    files: [corpus('realistic-holdout')],
    heldOut: true,
  },
  {
    id: 'realistic-holdout-2',
    name: 'realistic held-out 2 (written independently; never looked at, never tuned on)',
    files: [corpus('realistic-holdout-2')],
    heldOut: true,
  },
  {
    id: 'realistic-holdout-3',
    name: 'realistic held-out 3 (written independently in round 4; never looked at, never tuned on)',
    files: [corpus('realistic-holdout-3')],
    heldOut: true,
  },
  {
    id: 'realistic-holdout-4',
    name: 'realistic held-out 4 (written independently in round 7; never looked at, never tuned on)',
    files: [corpus('realistic-holdout-4')],
    heldOut: true,
  },
  {
    id: 'realistic-holdout-5',
    name: 'realistic held-out 5 (a second writer in round 7; never looked at, never tuned on)',
    files: [corpus('realistic-holdout-5')],
    heldOut: true,
  },
  {
    id: 'realistic-holdout-6',
    name: 'realistic held-out 6 (written independently in round 8; never looked at, never tuned on)',
    files: [corpus('realistic-holdout-6')],
    heldOut: true,
  },
  {
    id: 'realistic-holdout-7',
    name: 'realistic held-out 7 (written independently in round 9; never looked at, never tuned on)',
    files: [corpus('realistic-holdout-7')],
    heldOut: true,
  },
  {
    id: 'realistic-holdout-all',
    name: "every realistic held-out set together (the issue's bars apply to it, as to realistic-holdout)",
    files: ['', '-2', '-3', '-4', '-5', '-6', '-7'].map((n) => corpus(`realistic-holdout${n}`)),
    heldOut: true,
    aggregate: true,
  },
];

/** The issue's bars decide on these: its new realistic held-out set, and every realistic set pooled. */
const GATED = ['realistic-holdout', 'realistic-holdout-all'] as const;
/** Each realistic held-out set: the same bars, reported set by set. */
const REALISTIC_HELD_OUT = [
  'realistic-holdout',
  'realistic-holdout-2',
  'realistic-holdout-3',
  'realistic-holdout-4',
  'realistic-holdout-5',
  'realistic-holdout-6',
  'realistic-holdout-7',
] as const;

/** Old held-out accuracy before issue 14 (116 of 120): the realistic work must not lose any of it. */
const OLD_HOLDOUT_BASELINE = 116 / 120;
const BARS = { accuracy: 0.95, japanese: 0.93, costly: 0.01 } as const;

const errorsArg = process.argv.find((arg) => arg === '--errors' || arg.startsWith('--errors='));
const errorParts =
  errorsArg === undefined
    ? new Set<string>()
    : errorsArg === '--errors'
      ? new Set(PARTS.filter((p) => !p.heldOut && !p.aggregate).map((p) => p.id))
      : new Set(errorsArg.slice('--errors='.length).split(','));
for (const id of errorParts) {
  const part = PARTS.find((p) => p.id === id);
  if (!part) throw new Error(`--errors: no part "${id}" (parts: ${PARTS.map((p) => p.id).join(', ')})`);
  if (part.heldOut) throw new Error(`--errors: "${id}" is held out; its errors are never listed`);
}

const devOnly = process.argv.includes('--dev');
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const reports = new Map<string, Report>();

for (const part of PARTS.filter((p) => !devOnly || !p.heldOut)) {
  const cases = part.files.flatMap((file) => JSON.parse(readFileSync(file, 'utf8')) as CorpusCase[]);
  const report = evaluate(cases);
  reports.set(part.id, report);
  console.log(`\n== [${part.id}] ${part.name}: ${part.files.join(', ')}`);
  console.log(
    `cases ${report.total}   accuracy ${pct(report.accuracy)}   macro-F1 ${report.macroF1.toFixed(3)}   ` +
      `costly (1-5/none called 6/7, any confidence) ${report.costly.length} = ${pct(report.costlyRate)}   ` +
      `unsafe (not_valid called may_be_valid > 0.8) ${report.unsafe.length}`,
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
  if (!errorParts.has(part.id) || part.heldOut) continue;
  for (const e of report.errors) {
    const candidates = e.result.candidates.map((c) => `${c.knownIssue}:${c.score}`).join(' ');
    const signals = e.result.signals.map((s) => s.id).join(',');
    console.log(
      `  ✗ ${e.case.id} [${e.case.lang}] expected ${e.case.label ?? 'none'} got ${e.result.knownIssue ?? 'none'} (${e.result.confidence}) ${candidates} | ${signals} | ${e.case.title}`,
    );
  }
}

if (process.argv.includes('--markdown')) {
  const langs = ['en', 'ja', 'mixed'];
  console.log('\n| part | cases | accuracy | macro-F1 | en | ja | mixed | costly | unsafe |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const [id, r] of reports) {
    const byLang = langs.map((l) => (r.byLanguage[l] ? pct(r.byLanguage[l].accuracy) : '-'));
    const row = [
      id,
      r.total,
      pct(r.accuracy),
      r.macroF1.toFixed(3),
      ...byLang,
      `${r.costly.length} = ${pct(r.costlyRate)}`,
      r.unsafe.length,
    ];
    console.log(`| ${row.join(' | ')} |`);
  }
}

if (devOnly) {
  console.log('\n--dev: held-out parts not read, bars not checked');
  process.exit(0);
}

const old = reports.get('old-holdout')!;
type Check = readonly [text: string, target: string, now: string, met: boolean];
const checksOf = (id: string): Check[] => {
  const report = reports.get(id)!;
  const japanese = report.byLanguage['ja']?.accuracy ?? 0;
  return [
    ['accuracy', `>= ${pct(BARS.accuracy)}`, pct(report.accuracy), report.accuracy >= BARS.accuracy],
    ['Japanese accuracy', `>= ${pct(BARS.japanese)}`, pct(japanese), japanese >= BARS.japanese],
    [
      'costly (1-5/none called 6/7)',
      `<= ${pct(BARS.costly)}`,
      `${pct(report.costlyRate)} (${report.costly.length})`,
      report.costlyRate <= BARS.costly,
    ],
  ];
};
const tables: [string, Check[]][] = GATED.map((id) => [id, checksOf(id)]);
tables.push([
  'old-holdout',
  [
    ['accuracy', `>= ${pct(OLD_HOLDOUT_BASELINE)}`, pct(old.accuracy), old.accuracy >= OLD_HOLDOUT_BASELINE - 1e-9],
    ['unsafe', '= 0', String(old.unsafe.length), old.unsafe.length === 0],
  ],
]);
console.log('\nbars (GitHub issue 14):');
for (const [id, checks] of tables) {
  console.log(`  [${id}]`);
  for (const [text, target, now, met] of checks) {
    console.log(`    ${met ? 'met    ' : 'NOT met'}  ${text.padEnd(30)} ${now.padStart(12)}   target ${target}`);
  }
}
const pass = tables.every(([, checks]) => checks.every(([, , , met]) => met));
console.log(`all bars: ${pass ? 'met' : 'NOT met'}`);
console.log('\nthe same bars on each realistic held-out set on its own (reported; not the exit code):');
for (const id of REALISTIC_HELD_OUT) {
  const checks = checksOf(id);
  const missed = checks.filter(([, , , met]) => !met);
  const figures = checks.map(([text, , now]) => `${text.split(' (')[0]} ${now}`).join(', ');
  console.log(`  ${missed.length === 0 ? 'met    ' : 'NOT met'}  ${id.padEnd(22)} ${figures}`);
}
process.exit(pass ? 0 : 1);
