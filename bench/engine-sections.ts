/**
 * The engine's own sections: answer latency in-process, and accuracy per independent writer
 * (leave one writer out) beside nlp.js trained and scored the same way.
 */
import path from 'node:path';
import { calibrationTable, targetLines, weakestFirst } from '../src/cli/eval';
import type { LoadedEngine } from '../src/nlu';
import { crossValidate } from '../src/nlu/cross-validation';
import { evaluate, type Evaluation, summarize } from '../src/nlu/evaluate';
import { DEFAULT_ENGINE_OPTIONS } from '../src/nlu';
import { trainingQuestions } from '../src/nlu/faq-model';
import { readLabelledSet } from '../src/nlu/labelled-set';
import { type PeerScore, scoreNodeNlp } from './peer-node-nlp';
import { section, type Section } from './report-file';
import { log, measuredOn, median, ms, pct, percentile } from './stats';

export const LATENCY_HEADING = '## Answer latency';
export const ACCURACY_HEADING = '## Accuracy';

/**
 * Rounds before timing: the first rounds after the engine loads are slower (code not yet
 * optimized, the start-up's garbage still being collected): 3 rounds left the first section
 * measured a third slower at p99 than the same section measured again. A running bot is past that.
 */
const WARM_UP_ROUNDS = 10;

/** Timed rounds per block: each block's p50 and p99 are read on their own (see `latency`). */
const ROUNDS_PER_BLOCK = 4;

/**
 * Each call timed on its own, in blocks of `ROUNDS_PER_BLOCK` rounds. A pause of this shared
 * machine (another process, a collection) lands in one block: the median of the blocks' p99 is
 * what a question costs, the p99 over every call what the machine did to it as well. Both are shown.
 */
function latency(run: (text: string) => unknown, questions: readonly string[], rounds: number) {
  for (let round = 0; round < WARM_UP_ROUNDS; round++) questions.forEach(run);
  const all: number[] = [];
  const blocks: { p50: number; p99: number }[] = [];
  for (let block = 0; block < Math.ceil(rounds / ROUNDS_PER_BLOCK); block++) {
    const times: number[] = [];
    for (let round = 0; round < ROUNDS_PER_BLOCK && block * ROUNDS_PER_BLOCK + round < rounds; round++) {
      for (const question of questions) {
        const started = process.hrtime.bigint();
        run(question);
        times.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
    }
    times.sort((a, b) => a - b);
    blocks.push({ p50: percentile(times, 0.5), p99: percentile(times, 0.99) });
    all.push(...times);
  }
  all.sort((a, b) => a - b);
  const p99s = blocks.map((b) => b.p99);
  return {
    p50: median(blocks.map((b) => b.p50)),
    p99: median(p99s),
    p99Range: [Math.min(...p99s), Math.max(...p99s)] as const,
    p99AllCalls: percentile(all, 0.99),
    blocks: blocks.length,
    count: all.length,
  };
}

/** p50 / p99 as the medians of the blocks, the blocks' p99 range and the p99 over every call. */
const latencyText = (t: ReturnType<typeof latency>) =>
  `${ms(t.p50)} / ${ms(t.p99)} (blocks ${ms(t.p99Range[0])}–${ms(t.p99Range[1])}; every call ${ms(t.p99AllCalls)})`;

/** `uncached`: the engine with its answer cache off, so every call understands its question from scratch. */
export function measureLatency(uncached: LoadedEngine, questions: readonly string[]): Section {
  log('in-process latency…');
  const { engine, knowledgeBase } = uncached;
  const ask = latency((text) => engine.ask(text), questions, 20);
  const classify = latency((text) => engine.understand(text), questions, 20);
  const writerQuestions = knowledgeBase.writerSets.flatMap((set) => set.questions.map((q) => q.text));
  const writers = latency((text) => engine.understand(text), writerQuestions, 8);
  const longest = Math.max(...writerQuestions.map((q) => q.length));
  const body = `${measuredOn()}

| what | p50 / p99, medians of the blocks (the blocks' p99 range; p99 over every call) | target |
|---|---|---|
| answer (normalize → tokenize → classify → answer) | ${latencyText(ask)} | p99 ≤ 1 ms |
| classify (normalize → tokenize → classify) | ${latencyText(classify)} | p99 ≤ 1 ms |
| classify, every writer's questions (longer, up to ${longest} characters) | ${latencyText(writers)} | – |

The engine in-process with its answer cache off, ${questions.length} dev-set questions × 20 rounds after ${WARM_UP_ROUNDS} warm-up rounds
(${ask.count} calls), timed one call at a time with \`process.hrtime\`, in ${ask.blocks} blocks of ${ROUNDS_PER_BLOCK} rounds; the writers'
${writerQuestions.length} questions × 8 rounds the same way (kuromoji alone takes most of a long message's time). The figures are
the medians of the blocks' p50 and p99: a pause of this shared machine lands in one block and shows in the range and in the
p99 over every call, not in the median.
`;
  return section(LATENCY_HEADING, body, {
    askP50Ms: ask.p50,
    askP99Ms: ask.p99,
    askP99AllCallsMs: ask.p99AllCalls,
    classifyP99Ms: classify.p99,
  });
}

function accuracyRow(name: string, result: Evaluation): string {
  return `| ${name} | ${pct(result.inScopeAccuracy)} (${result.inScopeCount}) | ${pct(result.outOfScopeRejection)} (${result.outOfScopeCount}) | ${pct(result.issuerAccuracy)} (${result.issuerCount}) |`;
}

function writerRow(name: string, ours: Evaluation, peer: PeerScore | undefined): string {
  return `| ${name} | ${pct(ours.inScopeAccuracy)} (${ours.inScopeCount}) | ${pct(ours.outOfScopeRejection)} (${ours.outOfScopeCount}) | ${pct(ours.issuerAccuracy)} (${ours.issuerCount}) | ${ours.issuerFalsePositives} | ${peer ? pct(peer.inScopeAccuracy) : '–'} | ${peer ? pct(peer.outOfScopeRejection) : '–'} |`;
}

export async function measureAccuracy(loaded: LoadedEngine, root: string): Promise<Section> {
  const { engine, knowledgeBase, tokenizer } = loaded;
  const devSet = readLabelledSet(path.join(root, 'tests', 'fixtures', 'dev-set.jsonl'));
  const holdoutSet = readLabelledSet(path.join(root, 'tests', 'fixtures', 'holdout-set.jsonl'));
  log('accuracy: each writer scored by a model trained without that writer, ours and nlp.js…');
  const dev = evaluate(engine, devSet);
  const holdout = evaluate(engine, holdoutSet);
  const writers = crossValidate(tokenizer, knowledgeBase, DEFAULT_ENGINE_OPTIONS, {
    engine,
    onWriter: (writer, index, count) => log(`  [${index + 1}/${count}] ${writer}`),
  });
  const allTraining = trainingQuestions(knowledgeBase);
  const peers = new Map<string, PeerScore>();
  for (const set of knowledgeBase.writerSets) {
    const training = allTraining.filter((question) => question.writer !== set.name);
    peers.set(set.name, await scoreNodeNlp(knowledgeBase, training, set.questions));
  }
  const allWriters = summarize(writers.flatMap((writer) => writer.results));
  const body = `${measuredOn()}

Every question here was written by someone who never saw \`intents/\` or the engine: ${knowledgeBase.writerSets.length} independent
writers, each given only the help page, the intent list and a persona (\`intents/writers/README.md\`).
Each writer's questions are scored by a model trained on everything except that writer (leave one
writer out); a sealed set is never trained on and was never read by whoever tuned the engine, so it
is scored by the model that runs. An answer of the right answer family counts as right. nlp.js
(node-nlp, ja) is trained on exactly the same questions for each writer and scored the same way.
Weakest writer first (the lower of in-scope and out-of-scope).

| writer | in-scope intent right (n) | out-of-scope rejected (n) | card company recognized (n) | false companies | nlp.js in-scope | nlp.js out-of-scope |
|---|---|---|---|---|---|---|
${weakestFirst(writers)
  .map((writer) =>
    writerRow(
      writer.sealed ? `${writer.writer} (sealed)` : writer.writer,
      writer.evaluation,
      peers.get(writer.writer),
    ),
  )
  .join('\n')}
${writerRow('**all writers**', allWriters, undefined)}

${targetLines(writers)
  .map((line) => `- ${line}`)
  .join('\n')}

Calibration: the stated confidence of every answer and refusal above against how often it was right.

${calibrationTable(allWriters.calibration.bands)}

The team's older sets, written close to the training data (the model that runs; they are not trained on):

| set | in-scope intent accuracy (n) | out-of-scope rejection (n) | card company recognized (n) |
|---|---|---|---|
${accuracyRow('dev set (ours)', dev)}
${accuracyRow('hold-out set (ours)', holdout)}

nlp.js: training ${median([...peers.values()].map((p) => p.trainSeconds)).toFixed(2)} s (median of the runs above), per-question latency p50 ${ms(median([...peers.values()].map((p) => p.p50Ms)))} / p99 ${ms(median([...peers.values()].map((p) => p.p99Ms)))} (its \`process()\` is async and does more than classify: sentiment, entities).
`;
  return section(ACCURACY_HEADING, body);
}
