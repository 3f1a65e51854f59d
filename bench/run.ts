/**
 * npm run bench — measures the bot and writes BENCHMARKS.md. Every comparison is measured side
 * by side in one run of its section; medians are reported because the machine is noisy.
 *
 *   npm run bench                                every section
 *   npm run bench -- --only throughput soak      those sections alone; the others stay as they were
 *
 * Sections: latency, turns, throughput, startup, soak, accuracy, deployment.
 */
import path from 'node:path';
import { DEFAULT_ENGINE_OPTIONS, loadFaqEngine, loadTokenizer, projectRoot } from '../src/nlu';
import { readLabelledSet } from '../src/nlu/labelled-set';
import { DEPLOYMENT_HEADING, deploymentSection, measureDeployment, productionLtsNode } from './deployment';
import { ACCURACY_HEADING, LATENCY_HEADING, measureAccuracy, measureLatency } from './engine-sections';
import { type Figures, section, type Section, writeReport } from './report-file';
import { measureSoak, SOAK_HEADING } from './memory-soak';
import { SOAK_HEADING as LOAD_SOAK_FAULTS_HEADING } from './soak-heading';
import { measureStartup, STARTUP_HEADING } from './startup';
import { log, median, us } from './stats';
import { measureThroughput, THROUGHPUT_HEADING } from './throughput';
import { measureTurnCosts, TURNS_HEADING } from './turn-costs';

const root = projectRoot();
const file = path.join(root, 'BENCHMARKS.md');

const questions = readLabelledSet(path.join(root, 'tests', 'fixtures', 'dev-set.jsonl')).map((q) => q.text);
/** The engine as the bot runs it (answer cache on), loaded once for the sections that need it. */
let engine: ReturnType<typeof loadFaqEngine> | undefined;
const loaded = () => (engine ??= loadFaqEngine());

const SECTIONS: Record<string, { heading: string; measure: () => Promise<Section> }> = {
  latency: {
    heading: LATENCY_HEADING,
    measure: async () =>
      measureLatency(
        await loadFaqEngine(loadTokenizer(), { ...DEFAULT_ENGINE_OPTIONS, cacheSize: 0 }),
        questions,
      ),
  },
  turns: { heading: TURNS_HEADING, measure: async () => measureTurnCosts(await loaded(), questions) },
  throughput: { heading: THROUGHPUT_HEADING, measure: () => measureThroughput(root, questions) },
  startup: {
    heading: STARTUP_HEADING,
    measure: () => measureStartup(root, questions, productionLtsNode(root)),
  },
  soak: { heading: SOAK_HEADING, measure: () => measureSoak(root, questions, soakSeconds()) },
  accuracy: { heading: ACCURACY_HEADING, measure: async () => measureAccuracy(await loaded(), root) },
  deployment: {
    heading: DEPLOYMENT_HEADING,
    async measure() {
      log('production install and Node versions…');
      const measures = await measureDeployment(root, [process.execPath, productionLtsNode(root)], 7, log);
      const text = deploymentSection(measures, median);
      return { heading: DEPLOYMENT_HEADING, text, figures: {} };
    },
  },
};

function soakSeconds(): number {
  const at = process.argv.indexOf('--soak-seconds');
  return at < 0 ? 300 : Number(process.argv[at + 1]);
}

const PREAMBLE = `# Benchmarks

Reproduce with \`npm run bench\` (builds, then runs \`node dist/bench/run.js\`; about a quarter of an hour), or one
part alone with \`npm run bench -- --only <section>…\` (\`latency\`, \`turns\`, \`throughput\`, \`startup\`, \`soak\`,
\`accuracy\`, \`deployment\`): the other sections stay as they were, and the summary is rebuilt from all of them.
Each section says when and on what it was measured; every ratio compares two things measured side by side in one
run of its section; times are medians.`;

function summary(figures: Figures): Section {
  const has = (...keys: string[]) => keys.every((key) => typeof figures[key] === 'number');
  const row = (
    what: string,
    keys: string[],
    measured: () => string,
    target: string,
    met: () => boolean | undefined,
  ) => {
    if (!has(...keys)) return `| ${what} | not measured yet | ${target} |`;
    const verdict = met();
    return `| ${what} | ${measured()} | ${target}${verdict === undefined ? '' : verdict ? ' (met)' : ' (**missed**)'} |`;
  };
  const f = (key: string) => figures[key]!;
  /** Main-thread CPU per request beside a throughput ratio, when the run measured it. */
  const cpu = (shape: 'Fresh' | 'Ten') =>
    has(`throughputCpuBot${shape}`, `throughputCpuEcho${shape}`)
      ? ` (CPU per request: bot ${f(`throughputCpuBot${shape}`).toFixed(0)} µs, echo ${f(`throughputCpuEcho${shape}`).toFixed(0)} µs)`
      : '';
  const body = `| what | measured | target |
|---|---|---|
${row(
  'answer latency p99, in process, cache off (median of the blocks)',
  ['askP99Ms'],
  () =>
    `${f('askP99Ms').toFixed(3)} ms` +
    (has('askP99AllCallsMs') ? ` (over every call: ${f('askP99AllCallsMs').toFixed(3)} ms)` : ''),
  '≤ 1 ms',
  () => f('askP99Ms') <= 1,
)}
${row(
  '/api/messages throughput ÷ echo bot, a new conversation per request',
  ['throughputFresh'],
  () => f('throughputFresh').toFixed(2) + cpu('Fresh'),
  '≥ 0.75 (aim 0.9)',
  () => f('throughputFresh') >= 0.75,
)}
${row(
  '/api/messages throughput ÷ echo bot, conversations of 10 messages',
  ['throughputTen'],
  () => f('throughputTen').toFixed(2) + cpu('Ten'),
  '≥ 0.75 (aim 0.9)',
  () => f('throughputTen') >= 0.75,
)}
${row(
  'cold start to /healthz 200 ÷ bare kuromoji, the machine’s Node',
  ['coldStartRatio'],
  () => `${f('coldStartRatio').toFixed(2)} (the engine alone: ${f('engineStartRatio').toFixed(2)})`,
  '≤ 1.3',
  () => f('coldStartRatio') <= 1.3,
)}
${row(
  'the same on the production LTS (compile cache on)',
  ['coldStartRatioProduction'],
  () =>
    `${f('coldStartRatioProduction').toFixed(2)} (the engine alone: ${f('engineStartRatioProduction').toFixed(2)})`,
  '≤ 1.3',
  () => f('coldStartRatioProduction') <= 1.3,
)}
${row(
  'RSS after warm-up ÷ bare kuromoji',
  ['rssRatio'],
  () => `${f('rssRatio').toFixed(2)} (the engine alone: ${f('engineRssRatio').toFixed(2)})`,
  '≤ 1.25',
  () => f('rssRatio') <= 1.25,
)}
${row(
  '5-minute soak, heap after GC, spread ÷ first sample',
  ['soakSpread'],
  () => `${(f('soakSpread') * 100).toFixed(1)}%`,
  'flat within 10%',
  () => f('soakSpread') <= 0.1,
)}
${row(
  'a message in a conversation of 10, in process: the FAQ bot, the engine’s reply alone, a bot with no state',
  ['turnFaqTenUs', 'turnEngineUs', 'turnPlainUs'],
  () => `${us(f('turnFaqTenUs'))}, ${us(f('turnEngineUs'))}, ${us(f('turnPlainUs'))}`,
  '–',
  () => undefined,
)}
`;
  return section('## Summary', body);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const at = args.indexOf('--only');
  const names =
    at < 0
      ? Object.keys(SECTIONS)
      : args.slice(at + 1).filter((arg) => !arg.startsWith('--') && !/^\d+$/.test(arg));
  const unknown = names.filter((name) => !(name in SECTIONS));
  if (unknown.length || names.length === 0) {
    throw new Error(
      `usage: npm run bench [-- --only ${Object.keys(SECTIONS).join('|')}…] (not: ${unknown.join(', ')})`,
    );
  }
  const measured: Section[] = [];
  for (const name of names) measured.push(await SECTIONS[name]!.measure());
  // `npm run soak` writes its own section (load, soak and faults); it is kept after the soak's.
  const order = Object.values(SECTIONS).flatMap((entry) =>
    entry.heading === SOAK_HEADING ? [entry.heading, LOAD_SOAK_FAULTS_HEADING] : [entry.heading],
  );
  writeReport(file, PREAMBLE, order, measured, summary);
  process.stdout.write(measured.map((entry) => entry.text).join('\n'));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
