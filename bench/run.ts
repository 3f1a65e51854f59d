/**
 * npm run bench — measures the bot and writes BENCHMARKS.md. Every comparison is measured
 * side by side in this one run; medians are reported because the machine is noisy.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { DEFAULT_ENGINE_OPTIONS, loadFaqEngine, loadTokenizer, projectRoot } from '../src/nlu';
import { calibrationTable, targetLines, weakestFirst } from '../src/cli/eval';
import { crossValidate } from '../src/nlu/cross-validation';
import { evaluate, type Evaluation, summarize } from '../src/nlu/evaluate';
import { trainingQuestions } from '../src/nlu/faq-model';
import { readLabelledSet } from '../src/nlu/labelled-set';
import { DEPLOYMENT_HEADING, deploymentSection, measureDeployment, productionLtsNode } from './deployment';
import { measureTurnCosts } from './dialog-turns';
import { postLoad } from './load';
import { SOAK_HEADING } from './soak-heading';
import { type PeerScore, scoreNodeNlp } from './peer-node-nlp';
import { rssBytes, startServer, waitForHealthy } from './processes';

const root = projectRoot();
const node = process.execPath;
const botEntry = path.join(root, 'dist', 'src', 'index.js');
const echoEntry = path.join(root, 'dist', 'bench', 'echo-server.js');
const bareEntry = path.join(root, 'bench', 'bare-kuromoji.js');

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
const ms = (value: number) => `${value.toFixed(3)} ms`;
const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const log = (message: string) => process.stderr.write(`${message}\n`);

function latency(run: (text: string) => unknown, questions: readonly string[], rounds: number) {
  for (let round = 0; round < 3; round++) questions.forEach(run);
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const question of questions) {
      const started = process.hrtime.bigint();
      run(question);
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p99: percentile(times, 0.99), count: times.length };
}

async function coldStartBot(): Promise<number> {
  const started = process.hrtime.bigint();
  const server = await startServer(node, [botEntry], { LOG_LEVEL: 'info' });
  await waitForHealthy(server.url);
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  await server.stop();
  return elapsed;
}

function runBare(questions: readonly string[]): Promise<{ readyMs: number; rss: number }> {
  const started = process.hrtime.bigint();
  const child = spawn(node, [bareEntry, JSON.stringify(questions)], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let readyMs = 0;
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line === 'ready') readyMs = Number(process.hrtime.bigint() - started) / 1e6;
      else resolve({ readyMs, rss: (JSON.parse(line) as { rss: number }).rss });
    });
    child.once('error', reject);
  });
}

function accuracyRows(name: string, result: Evaluation): string {
  return `| ${name} | ${pct(result.inScopeAccuracy)} (${result.inScopeCount}) | ${pct(result.outOfScopeRejection)} (${result.outOfScopeCount}) | ${pct(result.issuerAccuracy)} (${result.issuerCount}) |`;
}

function writerRow(name: string, ours: Evaluation, peer: PeerScore | undefined): string {
  return `| ${name} | ${pct(ours.inScopeAccuracy)} (${ours.inScopeCount}) | ${pct(ours.outOfScopeRejection)} (${ours.outOfScopeCount}) | ${pct(ours.issuerAccuracy)} (${ours.issuerCount}) | ${ours.issuerFalsePositives} | ${peer ? pct(peer.inScopeAccuracy) : '–'} | ${peer ? pct(peer.outOfScopeRejection) : '–'} |`;
}

/** The deployment section: production install sizes, cold start on this Node and the production LTS. */
async function deployment(): Promise<string> {
  log('production install and Node versions…');
  const measures = await measureDeployment(root, [node, productionLtsNode(root)], 7, log);
  return deploymentSection(measures, median);
}

/** The report with the soak section of the current BENCHMARKS.md (npm run soak writes it) kept at its end. */
function withSoakSection(report: string): string {
  const old = fs.readFileSync(path.join(root, 'BENCHMARKS.md'), 'utf8');
  const start = old.indexOf(SOAK_HEADING);
  if (start < 0) return report;
  const next = old.indexOf('\n## ', start + SOAK_HEADING.length);
  return `${report.trimEnd()}\n\n${old.slice(start, next < 0 ? undefined : next + 1).trimEnd()}\n`;
}

/** `--only deployment`: measures that section alone and puts it in place of the old one. */
async function onlyDeployment(): Promise<void> {
  const file = path.join(root, 'BENCHMARKS.md');
  const old = fs.readFileSync(file, 'utf8');
  const start = old.indexOf(DEPLOYMENT_HEADING);
  const next = start < 0 ? -1 : old.indexOf('\n## ', start + DEPLOYMENT_HEADING.length);
  const section = await deployment();
  const report =
    start < 0
      ? `${old.trimEnd()}\n\n${section}`
      : `${old.slice(0, start)}${section}${next < 0 ? '' : old.slice(next + 1)}`;
  fs.writeFileSync(file, report);
  process.stdout.write(section);
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  if (only.length) {
    if (only.join(' ') !== '--only deployment')
      throw new Error(`usage: npm run bench [-- --only deployment]`);
    return onlyDeployment();
  }
  const devSet = readLabelledSet(path.join(root, 'tests', 'fixtures', 'dev-set.jsonl'));
  const holdoutSet = readLabelledSet(path.join(root, 'tests', 'fixtures', 'holdout-set.jsonl'));
  const questions = devSet.map((question) => question.text);

  log('in-process latency and accuracy…');
  // Cache off: every call below understands its question from scratch.
  const { engine, knowledgeBase, tokenizer } = await loadFaqEngine(loadTokenizer(), {
    ...DEFAULT_ENGINE_OPTIONS,
    cacheSize: 0,
  });
  const askLatency = latency((text) => engine.ask(text), questions, 20);
  const classifyLatency = latency((text) => engine.understand(text), questions, 20);
  const writerQuestions = knowledgeBase.writerSets.flatMap((set) => set.questions.map((q) => q.text));
  const writerClassifyLatency = latency((text) => engine.understand(text), writerQuestions, 5);
  const dev = evaluate(engine, devSet);
  const holdout = evaluate(engine, holdoutSet);
  log('time per message inside the bot…');
  const turnCosts = await measureTurnCosts(await loadFaqEngine(), questions, median);
  log('accuracy: each writer scored by a model trained without that writer, ours and nlp.js…');
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

  log('throughput: FAQ bot (answer cache on and off) vs echo bot on the same stack…');
  const servers = {
    bot: await startServer(node, [botEntry]),
    uncached: await startServer(node, [botEntry], { ANSWER_CACHE_SIZE: '0' }),
    echo: await startServer(node, [echoEntry]),
  };
  await waitForHealthy(servers.bot.url);
  await waitForHealthy(servers.uncached.url);
  const concurrency = 8;
  const perRound = 2000;
  const rates: Record<keyof typeof servers, number[]> = { bot: [], uncached: [], echo: [] };
  let failures = 0;
  const names = Object.keys(servers) as (keyof typeof servers)[];
  for (const name of names) await postLoad(servers[name].url, questions, 3000, concurrency);
  for (let round = 0; round < 5; round++) {
    const order = names.map((_, i) => names[(i + round) % names.length]!);
    for (const name of order) {
      const result = await postLoad(servers[name].url, questions, perRound, concurrency);
      failures += result.failures;
      rates[name].push(result.perSecond);
    }
  }
  const botRss = rssBytes(servers.bot.child.pid!);
  for (const name of names) await servers[name].stop();

  log('cold start and memory against bare kuromoji…');
  const botStarts: number[] = [];
  const bareStarts: number[] = [];
  const bareRss: number[] = [];
  for (let run = 0; run < 7; run++) {
    botStarts.push(await coldStartBot());
    const bare = await runBare(questions);
    bareStarts.push(bare.readyMs);
    bareRss.push(bare.rss);
  }

  const deploymentReport = await deployment();

  const botRates = rates.bot;
  const echoRates = rates.echo;
  const throughputRatio = median(botRates) / median(echoRates);
  const uncachedRatio = median(rates.uncached) / median(echoRates);
  const startRatio = median(botStarts) / median(bareStarts);
  const rssRatio = botRss / median(bareRss);
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const us = (value: number) => `${value.toFixed(0)} µs`;
  const echoRequestUs = 1e6 / median(echoRates);
  const dialogFloorUs = turnCosts.smallestDialogBot - turnCosts.plainBot;
  const report = `# Benchmarks

Reproduce with \`npm run bench\` (builds, then runs \`node dist/bench/run.js\`; a few minutes).
Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} × ${cpu}, Node ${process.version}, ${os.platform()}
(the last section, [Production install and Node versions](#production-install-and-node-versions), gives its own date).
Every ratio compares two things measured side by side in one run; times are medians.

## Summary

| what | measured | target |
|---|---|---|
| answer latency (normalize → tokenize → classify → answer), p50 / p99 | ${ms(askLatency.p50)} / ${ms(askLatency.p99)} | p99 ≤ 1 ms |
| classify latency (normalize → tokenize → classify), p50 / p99 | ${ms(classifyLatency.p50)} / ${ms(classifyLatency.p99)} | p99 ≤ 1 ms |
| the same on every writer's questions (longer, up to ${Math.max(...writerQuestions.map((q) => q.length))} characters), p50 / p99 | ${ms(writerClassifyLatency.p50)} / ${ms(writerClassifyLatency.p99)} | – |
| /api/messages throughput, FAQ bot ÷ echo bot | ${throughputRatio.toFixed(2)} (${median(botRates).toFixed(0)} ÷ ${median(echoRates).toFixed(0)} req/s) | ≥ 0.75 |
| the same with the answer cache off (\`ANSWER_CACHE_SIZE=0\`) | ${uncachedRatio.toFixed(2)} (${median(rates.uncached).toFixed(0)} ÷ ${median(echoRates).toFixed(0)} req/s) | – |
| cold start to /healthz 200 ÷ bare kuromoji dictionary load | ${startRatio.toFixed(2)} (${median(botStarts).toFixed(0)} ms ÷ ${median(bareStarts).toFixed(0)} ms) | ≤ 1.3 |
| RSS after warm-up ÷ bare kuromoji after the same tokenizing | ${rssRatio.toFixed(2)} (${mib(botRss)} ÷ ${mib(median(bareRss))}) | ≤ 1.25 |

${[throughputRatio >= 0.75, startRatio <= 1.3, rssRatio <= 1.25].every(Boolean) ? 'Every target holds in this run.' : `**Not every target holds in this run** (throughput ${throughputRatio >= 0.75 ? 'met' : 'missed'}, cold start ${startRatio <= 1.3 ? 'met' : 'missed'}, memory ${rssRatio <= 1.25 ? 'met' : 'missed'}).`}
The targets were set when every message was answered on its own. Since the bot answers through
botbuilder-dialogs (clarification, the card-company offer, the feedback prompt), each message
loads the conversation's dialog stack from storage, runs it, sends the answer and the bot's
follow-up question, and saves the stack again (in memory here, the default), and loading the
dialogs library with its text recognizers adds to the start. The figures above are that cost,
measured as it is; the echo bot does none of it.

## Where a message's time goes (in process, no HTTP)

The same ${questions.length} questions through botbuilder's \`TestAdapter\` in 50 conversations, the four bots side by
side: medians of 7 rounds of ${turnCosts.turnsPerRound} messages each, after one warm-up round (\`bench/dialog-turns.ts\`).

| bot | per message |
|---|---|
| the FAQ bot as it runs by default (dialogs, conversation state in memory) | ${us(turnCosts.faqBot)} |
| the FAQ bot with its storage unreachable (each message answered on its own) | ${us(turnCosts.faqBotWithoutState)} |
| the smallest botbuilder-dialogs bot (one reply and a one-button prompt, the same kind of state) | ${us(turnCosts.smallestDialogBot)} |
| a bot that sends one reply and keeps no state | ${us(turnCosts.plainBot)} |

The echo bot's whole HTTP request takes ${us(echoRequestUs)} here (1 ÷ its rate), so a throughput
ratio of 0.75 leaves ${us(echoRequestUs / 0.75 - echoRequestUs)} per message for everything the FAQ bot adds. Keeping a
dialog between messages costs at least ${us(dialogFloorUs)} even in the smallest dialog bot; the FAQ bot's
dialogs add ${us(turnCosts.faqBot - turnCosts.faqBotWithoutState)} to answering on its own.

## Accuracy

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
${accuracyRows('dev set (ours)', dev)}
${accuracyRows('hold-out set (ours)', holdout)}

nlp.js: training ${median([...peers.values()].map((p) => p.trainSeconds)).toFixed(2)} s (median of the runs above), per-question latency p50 ${ms(median([...peers.values()].map((p) => p.p50Ms)))} / p99 ${ms(median([...peers.values()].map((p) => p.p99Ms)))} (its \`process()\` is async and does more than classify: sentiment, entities).

## How it is measured

- **Latency**: the engine in-process, ${questions.length} dev-set questions × 20 rounds after 3 warm-up rounds (${askLatency.count} calls), timed one call at a time with \`process.hrtime\`; the writers' ${writerQuestions.length} questions × 5 rounds the same way (kuromoji alone takes most of a long message's time).
- **Throughput**: three child processes built from the same code: the FAQ bot (\`dist/src/index.js\`, default settings), the FAQ bot with its answer cache off, and an echo bot (\`dist/bench/echo-server.js\`: the same restify server, CloudAdapter and request handling, a bot that echoes the text). Each gets \`deliveryMode: "expectReplies"\` activities cycling through ${questions.length} distinct dev-set questions from ${concurrency} keep-alive clients in this process; 3000 warm-up requests each, then 5 rounds of ${perRound} requests, rotating which goes first. Non-200 answers: ${failures}. Rounds (req/s): bot ${botRates.map((r) => r.toFixed(0)).join(', ')}; cache off ${rates.uncached.map((r) => r.toFixed(0)).join(', ')}; echo ${echoRates.map((r) => r.toFixed(0)).join(', ')}.
  The answer cache (1,000 replies by exact message text, least recently used first out) is on by default because FAQ traffic repeats: the same questions come again and again and every button sends the same text. Once warm, every one of the ${questions.length} questions is a cache hit, so the cached figure is the cost of the Bot Framework stack plus our larger replies; the cache-off figure is the cost of understanding every message from scratch (kuromoji tokenizing plus classification, about ${ms(askLatency.p50)} per message).
- **Cold start**: the bot reads kuromoji's dictionary through kuromoji's own \`DictionaryLoader\` and \`Tokenizer\`, with its own file reader (\`src/nlu/tokenizer.ts\`) that inflates each file straight into a buffer of its final size instead of copying it twice; the bare baseline uses kuromoji's \`builder().build()\` as documented. Spawn \`node dist/src/index.js\` and poll \`/healthz\` every 5 ms until 200, against spawning \`node bench/bare-kuromoji.js\` until it has built kuromoji's tokenizer; 7 alternating runs each. Bot (ms): ${botStarts.map((t) => t.toFixed(0)).join(', ')}; bare (ms): ${bareStarts.map((t) => t.toFixed(0)).join(', ')}.
- **Memory**: RSS (\`/proc/<pid>/status\` VmRSS) of the FAQ bot process after the throughput rounds, against the RSS of the bare kuromoji process after tokenizing the same questions 20 times (median of 7).

${deploymentReport}`;
  fs.writeFileSync(path.join(root, 'BENCHMARKS.md'), withSoakSection(report));
  process.stdout.write(report);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
