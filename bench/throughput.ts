/**
 * /api/messages throughput of the FAQ bot against an echo bot on the same restify server,
 * CloudAdapter and request handling, side by side in one run, for two kinds of traffic: a new
 * conversation per request, and conversations of 10 messages with replies to the bot's questions.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SHAPE_NAMES, traffic, type TrafficShape } from './conversation-script';
import { postLoad } from './load';
import { mainThreadCpuUs, startServer, type ServerProcess, waitForHealthy } from './processes';
import { section, type Section } from './report-file';
import { list, log, measuredOn, median } from './stats';

export const THROUGHPUT_HEADING = '## Throughput against an echo bot';

const CONFLICT = 'Conversation changed on another instance; the follow-up of this message is dropped';

export async function measureThroughput(root: string, questions: readonly string[]): Promise<Section> {
  log('throughput: FAQ bot (answer cache on and off) vs echo bot on the same stack…');
  const node = process.execPath;
  const botEntry = path.join(root, 'dist', 'src', 'index.js');
  const echoEntry = path.join(root, 'dist', 'bench', 'echo-server.js');
  // Analytics on, as by default, into a file of its own.
  const analyticsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-analytics-'));
  const analytics = (name: string) => ({ ANALYTICS_FILE: path.join(analyticsDir, `${name}.jsonl`) });
  const servers: Record<'bot' | 'uncached' | 'echo', ServerProcess> = {
    bot: await startServer(node, [botEntry], { env: analytics('bot') }),
    uncached: await startServer(node, [botEntry], {
      env: { ...analytics('uncached'), ANSWER_CACHE_SIZE: '0' },
    }),
    echo: await startServer(node, [echoEntry]),
  };
  await waitForHealthy(servers.bot.url);
  await waitForHealthy(servers.uncached.url);
  const names = Object.keys(servers) as (keyof typeof servers)[];
  const shapes: TrafficShape[] = ['fresh', 'ten'];
  const concurrency = 8;
  const perRound = 6000;
  const rates = new Map<string, number[]>();
  /** Main-thread CPU µs per request, per measured round. */
  const cpu = new Map<string, number[]>();
  const next = new Map<string, number>();
  let failures = 0;
  async function round(name: keyof typeof servers, shape: TrafficShape, count: number): Promise<number> {
    const key = `${name}/${shape}`;
    const from = next.get(key) ?? 0;
    next.set(key, from + count);
    const pid = servers[name].child.pid!;
    const cpuBefore = mainThreadCpuUs(pid);
    const result = await postLoad(servers[name].url, traffic(shape, questions), from, count, concurrency);
    cpu.set(key, [...(cpu.get(key) ?? []), (mainThreadCpuUs(pid) - cpuBefore) / count]);
    failures += result.failures;
    return result.perSecond;
  }
  for (const shape of shapes) for (const name of names) await round(name, shape, 3000);
  cpu.clear(); // the warm-up's
  for (let r = 0; r < 5; r++) {
    for (const shape of shapes) {
      for (let k = 0; k < names.length; k++) {
        const name = names[(k + r) % names.length]!;
        const key = `${name}/${shape}`;
        rates.set(key, [...(rates.get(key) ?? []), await round(name, shape, perRound)]);
      }
    }
  }
  const conflicts = servers.bot.logged(CONFLICT) + servers.uncached.logged(CONFLICT);
  for (const name of names) await servers[name].stop();
  fs.rmSync(analyticsDir, { recursive: true, force: true });

  const rate = (key: string) => median(rates.get(key)!);
  const ratio = (key: string, shape: TrafficShape) => rate(`${key}/${shape}`) / rate(`echo/${shape}`);
  const row = (what: string, key: string, shape: TrafficShape, target: string) =>
    `| ${what}, ${SHAPE_NAMES[shape]} | ${ratio(key, shape).toFixed(2)} (${rate(`${key}/${shape}`).toFixed(0)} ÷ ${rate(`echo/${shape}`).toFixed(0)} req/s) | ${target} |`;
  const rounds = [...rates.entries()].map(([key, values]) => `${key} ${list(values)}`).join('; ');
  const cpuPerRequest = (shape: TrafficShape) =>
    names.map((name) => `${name} ${median(cpu.get(`${name}/${shape}`)!).toFixed(0)} µs`).join(', ');
  // Each round measures the bot and the echo bot a few seconds apart: their ratio round by round
  // shows how much of a difference between two runs is the machine's.
  const roundRatios = (shape: TrafficShape) =>
    rates
      .get(`bot/${shape}`)!
      .map((value, r) => (value / rates.get(`echo/${shape}`)![r]!).toFixed(2))
      .join(', ');
  const body = `${measuredOn()}

| FAQ bot ÷ echo bot | measured | target |
|---|---|---|
${row('follow-ups on (default settings)', 'bot', 'fresh', '≥ 0.75 (aim 0.9)')}
${row('follow-ups on (default settings)', 'bot', 'ten', '≥ 0.75 (aim 0.9)')}
${row('answer cache off (`ANSWER_CACHE_SIZE=0`)', 'uncached', 'fresh', '–')}
${row('answer cache off (`ANSWER_CACHE_SIZE=0`)', 'uncached', 'ten', '–')}

- Three child processes built from the same code: the FAQ bot (\`dist/src/index.js\`, default settings: follow-ups,
  conversations in bounded memory, the answer cache of 1,000 replies), the same with its answer cache off, and an echo
  bot (\`dist/bench/echo-server.js\`: the same restify server, CloudAdapter and request handling, a bot that echoes
  the text). The FAQ bots record each turn's analytics event to a JSONL file, as by default.
- Each gets \`deliveryMode: "expectReplies"\` activities from ${concurrency} keep-alive clients in this process, each
  client posting its next message when the previous one is answered, cycling through ${questions.length} distinct dev-set
  questions: ${SHAPE_NAMES.fresh}, or ${SHAPE_NAMES.ten}, 50 conversations under way at once
  (\`bench/conversation-script.ts\`). 3000 warm-up requests of each kind each, then 5 rounds of ${perRound} requests of
  each kind, rotating which server goes first.
- Non-200 answers: ${failures}. Follow-ups dropped for a conflicting write (two messages of one conversation at once): ${conflicts}.
- Rounds (req/s): ${rounds}.
- The FAQ bot ÷ the echo bot round by round: ${SHAPE_NAMES.fresh} ${roundRatios('fresh')}; ${SHAPE_NAMES.ten} ${roundRatios('ten')}.
- CPU of each server's main thread per request (from \`/proc\`, medians of the rounds; garbage collection on
  helper threads not counted): ${SHAPE_NAMES.fresh}: ${cpuPerRequest('fresh')}; ${SHAPE_NAMES.ten}: ${cpuPerRequest('ten')}.
  Where the echo bot costs more than the FAQ bot, the machine makes the echo bot slow, not the FAQ bot fast:
  the ratio above then flatters the FAQ bot, and these figures, or an earlier run's, say more.
- Once warm, every question is an answer-cache hit, so the cached figures are the cost of the Bot Framework stack and
  the conversation; the cache-off figures add understanding every message from scratch (kuromoji and classification).
`;
  return section(THROUGHPUT_HEADING, body, {
    throughputFresh: ratio('bot', 'fresh'),
    throughputTen: ratio('bot', 'ten'),
    throughputCpuBotFresh: median(cpu.get('bot/fresh')!),
    throughputCpuEchoFresh: median(cpu.get('echo/fresh')!),
    throughputCpuBotTen: median(cpu.get('bot/ten')!),
    throughputCpuEchoTen: median(cpu.get('echo/ten')!),
    throughputUncachedFresh: ratio('uncached', 'fresh'),
  });
}
