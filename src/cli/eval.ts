/**
 * npm run eval                         every writer's questions, each scored by a model that never
 *                                      saw that writer (leave-one-writer-out), weakest writer first;
 *                                      the calibration of the stated confidence; the team's own sets
 * npm run eval -- --show-errors        the same, with each writer's misses (never a sealed set's)
 * npm run eval -- --set FILE.jsonl     another labelled set, scored by the model that runs
 *                                      (a writer's own file is scored as in the table)
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_ENGINE_OPTIONS, loadFaqEngine, projectRoot } from '../nlu';
import type { ReliabilityBand } from '../nlu/calibration';
import { chanceUnder, fewestToMeet, pBelow } from '../nlu/chance';
import { crossValidate, engineWithout, type WriterResult } from '../nlu/cross-validation';
import { type Evaluation, isRight, scoreQuestions, summarize } from '../nlu/evaluate';
import { isSealed, labelledSetName, readLabelledSet } from '../nlu/labelled-set';

export const TARGETS = { inScope: 0.95, outOfScope: 0.93, issuer: 0.98, falseCompaniesPer300: 1 };
/** Below this p, a set's shortfall is more than chance explains. */
const SIGNIFICANCE = 0.05;

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
const pad = (text: string, width: number) => text.padEnd(width);
const padStart = (text: string, width: number) => text.padStart(width);

/** The lower of a writer's in-scope accuracy and out-of-scope rejection: what "weakest" means. */
export function weakness(evaluation: Evaluation): number {
  return Math.min(evaluation.inScopeAccuracy, evaluation.outOfScopeRejection);
}

export function weakestFirst(results: readonly WriterResult[]): WriterResult[] {
  return [...results].sort((a, b) => weakness(a.evaluation) - weakness(b.evaluation));
}

/** One row per writer and a total, as a Markdown table. */
export function writerTable(results: readonly WriterResult[]): string {
  const row = (name: string, e: Evaluation) =>
    `| ${name} | ${percent(e.inScopeAccuracy)} (${e.inScopeCount}) | ${percent(e.outOfScopeRejection)} (${e.outOfScopeCount}) | ${percent(e.issuerAccuracy)} (${e.issuerCount}) | ${e.issuerFalsePositives} | ${e.clarified} |`;
  const total = summarize(results.flatMap((result) => result.results));
  return [
    '| writer | in-scope intent right (n) | out-of-scope rejected (n) | card company recognized (n) | false companies | asked to choose |',
    '|---|---|---|---|---|---|',
    ...weakestFirst(results).map((result) =>
      row(result.sealed ? `${result.writer} (sealed)` : result.writer, result.evaluation),
    ),
    row('**all writers**', total),
  ].join('\n');
}

export function calibrationTable(bands: readonly ReliabilityBand[]): string {
  return [
    '| stated confidence | replies | mean confidence | share right |',
    '|---|---|---|---|',
    ...bands
      .filter((band) => band.count > 0)
      .map(
        (band) =>
          `| ${band.from.toFixed(2)}–${band.to.toFixed(2)} | ${band.count} | ${band.confidence.toFixed(3)} | ${band.accuracy.toFixed(3)} |`,
      ),
  ].join('\n');
}

/** Whether every writer meets the targets, as lines a person reads. */
export function targetLines(results: readonly WriterResult[]): string[] {
  const total = summarize(results.flatMap((result) => result.results));
  const unnamed = results.flatMap((r) => r.results).filter((r) => r.question.issuer === null).length;
  const check = (ok: boolean) => (ok ? 'met' : 'NOT met');
  const worst = (pick: (e: Evaluation) => number) => Math.min(...results.map((r) => pick(r.evaluation)));
  return [
    `in-scope intent right ≥ ${percent(TARGETS.inScope)} on every writer: lowest ${percent(worst((e) => e.inScopeAccuracy))} — ${check(worst((e) => e.inScopeAccuracy) >= TARGETS.inScope)}`,
    `out-of-scope rejected ≥ ${percent(TARGETS.outOfScope)} on every writer: lowest ${percent(worst((e) => e.outOfScopeRejection))} — ${check(worst((e) => e.outOfScopeRejection) >= TARGETS.outOfScope)}`,
    `card companies recognized ≥ ${percent(TARGETS.issuer)}: ${percent(total.issuerAccuracy)} — ${check(total.issuerAccuracy >= TARGETS.issuer)}`,
    `false companies ≤ ${TARGETS.falseCompaniesPer300} per 300 questions naming none: ${total.issuerFalsePositives} in ${unnamed} — ${check(total.issuerFalsePositives * 300 <= unnamed * TARGETS.falseCompaniesPer300)}`,
    ...chanceLines(results, total),
    `calibration: expected gap between stated confidence and share right ${total.calibration.expectedError.toFixed(3)}`,
  ];
}

type Counts = Pick<
  Evaluation,
  | 'inScopeAccuracy'
  | 'inScopeCount'
  | 'inScopeRight'
  | 'outOfScopeRejection'
  | 'outOfScopeCount'
  | 'outOfScopeRejected'
>;

/**
 * How many sets are under a target against how many chance alone would put there, and whether any
 * set is under by more than chance explains (chance.ts).
 */
export function chanceLines(
  results: readonly { readonly writer: string; readonly evaluation: Counts }[],
  total: Counts,
): string[] {
  const shares = (e: Counts) => [
    {
      label: 'in scope',
      right: e.inScopeRight,
      count: e.inScopeCount,
      rate: total.inScopeAccuracy,
      target: TARGETS.inScope,
    },
    {
      label: 'out of scope',
      right: e.outOfScopeRejected,
      count: e.outOfScopeCount,
      rate: total.outOfScopeRejection,
      target: TARGETS.outOfScope,
    },
  ];
  const sets = results.map((r) => ({ writer: r.writer, shares: shares(r.evaluation) }));
  const byChance = sets.reduce((sum, set) => sum + chanceUnder(set.shares), 0);
  const shortfalls = sets.map((set) =>
    set.shares
      .filter((s) => s.count > 0 && s.right < fewestToMeet(s.count, s.target))
      .map((s) => ({ writer: set.writer, label: s.label, p: pBelow(s.right, s.count, s.target) })),
  );
  const tests = shortfalls.flat().sort((a, b) => a.p - b.p);
  const significant = tests.filter((t) => t.p < SIGNIFICANCE);
  const lowest = tests[0];
  return [
    `sets under a target: ${shortfalls.filter((list) => list.length).length} of ${results.length}; chance alone, at the pooled rates (${percent(total.inScopeAccuracy)} and ${percent(total.outOfScopeRejection)}) and each set's size, would put ${byChance.toFixed(1)} under`,
    `sets under a target by more than chance explains (one-sided exact binomial test against the target, p < ${SIGNIFICANCE}): ${
      significant.length
        ? significant.map((t) => `${t.writer} (${t.label}, p ${t.p.toFixed(3)})`).join(', ')
        : 'none'
    }${!significant.length && lowest ? `; the lowest p is ${lowest.p.toFixed(2)} (${lowest.writer}, ${lowest.label})` : ''}`,
  ];
}

function details(name: string, evaluation: Evaluation, misses: readonly string[]): string {
  return [
    `${name}: per intent`,
    '  intent                   support  precision  recall',
    ...evaluation.perIntent.map(
      (s) =>
        `  ${pad(s.intent, 24)} ${padStart(String(s.support), 7)}  ${padStart(percent(s.precision), 9)}  ${padStart(percent(s.recall), 6)}`,
    ),
    ...(misses.length ? ['', `${name}: misses (expected → answered)`, ...misses] : []),
  ].join('\n');
}

function missesOf(result: Pick<WriterResult, 'results' | 'sealed'>): string[] {
  if (result.sealed) return [];
  return result.results
    .filter((r) => !isRight(r) || r.question.issuer !== (r.reply.issuer?.id ?? null))
    .map(
      (r) =>
        `  ${r.question.intent} → ${r.reply.intent}${r.question.issuer !== (r.reply.issuer?.id ?? null) ? ` (company ${r.question.issuer ?? '–'} → ${r.reply.issuer?.id ?? '–'})` : ''}  「${r.question.text}」`,
    );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { set: { type: 'string', multiple: true }, 'show-errors': { type: 'boolean', default: false } },
  });
  const showErrors = values['show-errors'] ?? false;
  const root = projectRoot();
  const loaded = await loadFaqEngine();
  const { engine, tokenizer, knowledgeBase } = loaded;

  if (values.set) {
    for (const file of values.set) {
      const name = labelledSetName(file);
      const writer = knowledgeBase.writerSets.find((set) => set.name === name && !set.sealed);
      const answering = writer
        ? engineWithout(tokenizer, knowledgeBase, DEFAULT_ENGINE_OPTIONS, name)
        : engine;
      const results = scoreQuestions(answering, readLabelledSet(file));
      const sealed = isSealed(file);
      const result = { writer: name, sealed, results, evaluation: summarize(results) };
      console.log(
        `${path.relative(root, path.resolve(file))} (${writer ? 'leave-one-writer-out' : 'the model that runs'})`,
      );
      console.log(writerTable([result]));
      console.log();
      console.log(details(name, result.evaluation, showErrors ? missesOf(result) : []));
      console.log();
    }
    return;
  }

  const results = crossValidate(tokenizer, knowledgeBase, DEFAULT_ENGINE_OPTIONS, {
    engine,
    onWriter: (writer, index, count) => process.stderr.write(`[${index + 1}/${count}] ${writer}\n`),
  });
  const total = summarize(results.flatMap((result) => result.results));
  console.log('Each writer scored by a model trained without that writer (sealed sets: never trained on).');
  console.log();
  console.log(writerTable(results));
  console.log();
  for (const line of targetLines(results)) console.log(line);
  console.log();
  console.log('Calibration over all writers (answers and refusals):');
  console.log(calibrationTable(total.calibration.bands));
  console.log();
  for (const set of ['dev-set', 'holdout-set']) {
    const evaluation = summarize(
      scoreQuestions(engine, readLabelledSet(path.join(root, 'tests', 'fixtures', `${set}.jsonl`))),
    );
    console.log(
      `team's ${set} (written close to the training data): in-scope ${percent(evaluation.inScopeAccuracy)}, out-of-scope ${percent(evaluation.outOfScopeRejection)}`,
    );
  }
  if (showErrors) {
    for (const result of weakestFirst(results)) {
      console.log();
      console.log(details(result.writer, result.evaluation, missesOf(result)));
    }
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
