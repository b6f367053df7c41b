// npm run bench:classifier — time per classification over every corpus case, after a warm-up.
import { readdirSync, readFileSync } from 'node:fs';
import { classify } from '../src/classification/domain/classifier.js';
import type { CorpusCase } from '../src/classification/domain/evaluation.js';
import { describeMachine, percentile } from './machine.js';

// Every corpus part, the realistic tickets too: they are longer (quoted mail, pasted output, signatures)
// and the structure reading is paid on each. Read from the folder, so a new part is timed without
// being listed here. Only timings are printed, never per-case answers.
const FILES = readdirSync('test/corpus')
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((name) => `test/corpus/${name}`);
const cases = FILES.flatMap((file) => JSON.parse(readFileSync(file, 'utf8')) as CorpusCase[]);
const ROUNDS = 50;

for (let i = 0; i < 5; i++) for (const c of cases) classify(c);

const samples: number[] = [];
const heapBefore = process.memoryUsage().heapUsed;
for (let round = 0; round < ROUNDS; round++) {
  for (const c of cases) {
    const start = process.hrtime.bigint();
    classify(c);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
}
samples.sort((a, b) => a - b);
const ms = (v: number) => `${v.toFixed(3)} ms`;
console.log(`machine: ${describeMachine()}`);
console.log(`classifications: ${samples.length} (${cases.length} corpus cases × ${ROUNDS} rounds)`);
console.log(
  `median ${ms(percentile(samples, 50))}   p95 ${ms(percentile(samples, 95))}   p99 ${ms(percentile(samples, 99))}   max ${ms(samples.at(-1)!)}`,
);
console.log(`throughput ≈ ${Math.round(1000 / (samples.reduce((a, b) => a + b, 0) / samples.length))} classifications/s on one core`);
console.log(`heap growth over the run: ${((process.memoryUsage().heapUsed - heapBefore) / 2 ** 20).toFixed(1)} MiB`);
console.log(`bar (median < 1 ms): ${percentile(samples, 50) < 1 ? 'met' : 'NOT met'}`);
