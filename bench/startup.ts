/**
 * Cold start and memory against a bare kuromoji load, and against the FAQ engine alone, so that
 * what the bot adds is told apart from what the engine's model costs: spawn each, time it to
 * ready (the bot: /healthz 200), alternating runs; then the RSS of each after the same work.
 */
import { execFileSync, spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { traffic } from './conversation-script';
import { postLoad } from './load';
import { rssBytes, startServer, waitForHealthy } from './processes';
import { section, type Section } from './report-file';
import { list, log, measuredOn, median, mib } from './stats';

export const STARTUP_HEADING = '## Cold start and memory';

/** A baseline script that prints `ready`, then its RSS after the same questions. */
function runBaseline(
  node: string,
  script: string,
  questions: readonly string[],
): Promise<{ readyMs: number; rss: number }> {
  const started = process.hrtime.bigint();
  const child = spawn(node, [script, JSON.stringify(questions)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let readyMs = 0;
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line === 'ready') readyMs = Number(process.hrtime.bigint() - started) / 1e6;
      else resolve({ readyMs, rss: (JSON.parse(line) as { rss: number }).rss });
    });
    child.once('error', reject);
  });
}

async function coldStartBot(node: string, botEntry: string): Promise<number> {
  const started = process.hrtime.bigint();
  const server = await startServer(node, [botEntry], { env: { ANALYTICS_FILE: 'off' } });
  await waitForHealthy(server.url);
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  await server.stop();
  return elapsed;
}

interface Starts {
  readonly version: string;
  readonly bot: number[];
  readonly bare: number[];
  readonly engine: number[];
  readonly bareRss: number[];
  readonly engineRss: number[];
}

/** 7 alternating runs of the bot, bare kuromoji and the engine alone on one Node binary. */
async function coldStarts(node: string, root: string, questions: readonly string[]): Promise<Starts> {
  const botEntry = path.join(root, 'dist', 'src', 'index.js');
  const bare = path.join(root, 'bench', 'bare-kuromoji.js');
  const engineAlone = path.join(root, 'bench', 'engine-alone.js');
  const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
  const starts: Starts = { version, bot: [], bare: [], engine: [], bareRss: [], engineRss: [] };
  for (let run = 0; run < 7; run++) {
    starts.bot.push(await coldStartBot(node, botEntry));
    const kuromoji = await runBaseline(node, bare, questions);
    starts.bare.push(kuromoji.readyMs);
    starts.bareRss.push(kuromoji.rss);
    const engine = await runBaseline(node, engineAlone, questions);
    starts.engine.push(engine.readyMs);
    starts.engineRss.push(engine.rss);
  }
  return starts;
}

export async function measureStartup(
  root: string,
  questions: readonly string[],
  productionNode: string | undefined,
): Promise<Section> {
  log('cold start and memory against bare kuromoji and the engine alone…');
  const botEntry = path.join(root, 'dist', 'src', 'index.js');
  const runs = [await coldStarts(process.execPath, root, questions)];
  if (productionNode) runs.push(await coldStarts(productionNode, root, questions));

  const warmUp = 3000;
  const server = await startServer(process.execPath, [botEntry], { env: { ANALYTICS_FILE: 'off' } });
  await waitForHealthy(server.url);
  await postLoad(server.url, traffic('fresh', questions), 0, warmUp, 8);
  await postLoad(server.url, traffic('ten', questions), 0, warmUp, 8);
  const botRss = rssBytes(server.child.pid!);
  await server.stop();

  const ratio = (a: number[], b: number[]) => median(a) / median(b);
  const startRows = runs.flatMap((run) => [
    `| Node ${run.version}: cold start to /healthz 200 ÷ bare kuromoji dictionary load | ${ratio(run.bot, run.bare).toFixed(2)} (${median(run.bot).toFixed(0)} ms ÷ ${median(run.bare).toFixed(0)} ms) | ≤ 1.3 |`,
    `| Node ${run.version}: the engine alone ready ÷ bare kuromoji | ${ratio(run.engine, run.bare).toFixed(2)} (${median(run.engine).toFixed(0)} ms ÷ ${median(run.bare).toFixed(0)} ms) | – |`,
  ]);
  const [machine, production] = runs as [Starts, Starts | undefined];
  const memory = { bot: botRss, bare: median(machine.bareRss), engine: median(machine.engineRss) };
  const runLines = runs
    .map(
      (run) =>
        `Node ${run.version}: bot (ms) ${list(run.bot)}; bare (ms) ${list(run.bare)}; engine alone (ms) ${list(run.engine)}.`,
    )
    .join(' ');
  const body = `${measuredOn()}

| what | measured | target |
|---|---|---|
${startRows.join('\n')}
| RSS after warm-up ÷ bare kuromoji after the same tokenizing (Node ${machine.version}) | ${(memory.bot / memory.bare).toFixed(2)} (${mib(memory.bot)} ÷ ${mib(memory.bare)}) | ≤ 1.25 |
| the engine alone after the same questions ÷ bare kuromoji | ${(memory.engine / memory.bare).toFixed(2)} (${mib(memory.engine)} ÷ ${mib(memory.bare)}) | – |

- **Cold start**: spawn \`node dist/src/index.js\` and poll \`/healthz\` every 5 ms until 200, against spawning
  \`node bench/bare-kuromoji.js\` until kuromoji's \`builder().build()\` has built its tokenizer, and
  \`node bench/engine-alone.js\` until \`loadFaqEngine()\` (the dictionary through the engine's own reader, the data,
  the model saved by \`npm run build\`) has resolved; 7 alternating runs each, on the machine's Node and on the
  production LTS (\`scripts/node-bin.sh\`), where the bot keeps its modules' compiled code between starts
  (\`src/compile-cache.ts\`, Node 22.1 and later; the first run fills the cache). ${runLines}
- **Memory**: RSS (\`/proc/<pid>/status\` VmRSS) of the bot after ${warmUp} requests with a new conversation each and
  ${warmUp} in conversations of 10 messages, against the RSS of the bare kuromoji process after tokenizing the same
  ${questions.length} questions 20 times, and of the engine alone after asking them 20 times (medians of 7).
`;
  return section(STARTUP_HEADING, body, {
    coldStartRatio: ratio(machine.bot, machine.bare),
    engineStartRatio: ratio(machine.engine, machine.bare),
    ...(production
      ? {
          coldStartRatioProduction: ratio(production.bot, production.bare),
          engineStartRatioProduction: ratio(production.engine, production.bare),
        }
      : {}),
    rssRatio: memory.bot / memory.bare,
    engineRssRatio: memory.engine / memory.bare,
  });
}
