/**
 * Cold start and memory against a bare kuromoji load, and against the FAQ engine alone, so that
 * what the bot adds is told apart from what the engine's model costs: spawn each, time it to
 * ready (the bot: /healthz 200), alternating runs; then the RSS of each after the same work.
 */
import { spawn } from 'node:child_process';
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
  script: string,
  questions: readonly string[],
): Promise<{ readyMs: number; rss: number }> {
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [script, JSON.stringify(questions)], {
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

async function coldStartBot(botEntry: string): Promise<number> {
  const started = process.hrtime.bigint();
  const server = await startServer(process.execPath, [botEntry], { env: { ANALYTICS_FILE: 'off' } });
  await waitForHealthy(server.url);
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  await server.stop();
  return elapsed;
}

export async function measureStartup(root: string, questions: readonly string[]): Promise<Section> {
  log('cold start and memory against bare kuromoji and the engine alone…');
  const botEntry = path.join(root, 'dist', 'src', 'index.js');
  const bare = path.join(root, 'bench', 'bare-kuromoji.js');
  const engineAlone = path.join(root, 'bench', 'engine-alone.js');
  const starts = { bot: [] as number[], bare: [] as number[], engine: [] as number[] };
  const rss = { bare: [] as number[], engine: [] as number[] };
  for (let run = 0; run < 7; run++) {
    starts.bot.push(await coldStartBot(botEntry));
    const kuromoji = await runBaseline(bare, questions);
    starts.bare.push(kuromoji.readyMs);
    rss.bare.push(kuromoji.rss);
    const engine = await runBaseline(engineAlone, questions);
    starts.engine.push(engine.readyMs);
    rss.engine.push(engine.rss);
  }

  const warmUp = 3000;
  const server = await startServer(process.execPath, [botEntry], { env: { ANALYTICS_FILE: 'off' } });
  await waitForHealthy(server.url);
  await postLoad(server.url, traffic('fresh', questions), 0, warmUp, 8);
  await postLoad(server.url, traffic('ten', questions), 0, warmUp, 8);
  const botRss = rssBytes(server.child.pid!);
  await server.stop();

  const start = { bot: median(starts.bot), bare: median(starts.bare), engine: median(starts.engine) };
  const memory = { bot: botRss, bare: median(rss.bare), engine: median(rss.engine) };
  const body = `${measuredOn()}

| what | measured | target |
|---|---|---|
| cold start to /healthz 200 ÷ bare kuromoji dictionary load | ${(start.bot / start.bare).toFixed(2)} (${start.bot.toFixed(0)} ms ÷ ${start.bare.toFixed(0)} ms) | ≤ 1.3 |
| the engine alone ready ÷ bare kuromoji | ${(start.engine / start.bare).toFixed(2)} (${start.engine.toFixed(0)} ms ÷ ${start.bare.toFixed(0)} ms) | – |
| the bot ÷ the engine alone | ${(start.bot / start.engine).toFixed(2)} | – |
| RSS after warm-up ÷ bare kuromoji after the same tokenizing | ${(memory.bot / memory.bare).toFixed(2)} (${mib(memory.bot)} ÷ ${mib(memory.bare)}) | ≤ 1.25 |
| the engine alone after the same questions ÷ bare kuromoji | ${(memory.engine / memory.bare).toFixed(2)} (${mib(memory.engine)} ÷ ${mib(memory.bare)}) | – |

- **Cold start**: spawn \`node dist/src/index.js\` and poll \`/healthz\` every 5 ms until 200, against spawning
  \`node bench/bare-kuromoji.js\` until kuromoji's \`builder().build()\` has built its tokenizer, and
  \`node bench/engine-alone.js\` until \`loadFaqEngine()\` (the dictionary through the engine's own reader, the data,
  the model saved by \`npm run build\`) has resolved; 7 alternating runs each. Bot (ms): ${list(starts.bot)};
  bare (ms): ${list(starts.bare)}; engine alone (ms): ${list(starts.engine)}.
- **Memory**: RSS (\`/proc/<pid>/status\` VmRSS) of the bot after ${warmUp} requests with a new conversation each and
  ${warmUp} in conversations of 10 messages, against the RSS of the bare kuromoji process after tokenizing the same
  ${questions.length} questions 20 times, and of the engine alone after asking them 20 times (medians of 7).
`;
  return section(STARTUP_HEADING, body, {
    coldStartRatio: start.bot / start.bare,
    engineStartRatio: start.engine / start.bare,
    rssRatio: memory.bot / memory.bare,
    engineRssRatio: memory.engine / memory.bare,
  });
}
