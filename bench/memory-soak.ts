/**
 * Five minutes of traffic on one bot process, a new conversation every 10 messages, with the
 * heap measured after a full garbage collection every 15 seconds (the bot runs with
 * --expose-gc and bench/gc-probe.js, which collects and reports when asked over IPC).
 */
import path from 'node:path';
import { traffic } from './conversation-script';
import { postLoad } from './load';
import { type ServerProcess, startServer, waitForHealthy } from './processes';
import { section, type Section } from './report-file';
import { log, measuredOn, mib } from './stats';

export const SOAK_HEADING = '## Five-minute soak';

interface Sample {
  readonly seconds: number;
  readonly messages: number;
  readonly heapUsed: number;
  readonly rss: number;
}

function heapAfterGc(server: ServerProcess): Promise<{ heapUsed: number; rss: number }> {
  return new Promise((resolve) => {
    server.child.once('message', (message) => resolve(message as { heapUsed: number; rss: number }));
    server.child.send('heap');
  });
}

export async function measureSoak(
  root: string,
  questions: readonly string[],
  seconds = 300,
): Promise<Section> {
  log(`soak: ${seconds} s, a new conversation every 10 messages…`);
  const server = await startServer(process.execPath, [path.join(root, 'dist', 'src', 'index.js')], {
    env: { ANALYTICS_FILE: 'off' },
    nodeArgs: ['--expose-gc', '--require', path.join(root, 'bench', 'gc-probe.js')],
    ipc: true,
  });
  await waitForHealthy(server.url);
  const messages = traffic('ten', questions, 'soak');
  const warmUpSeconds = 30;
  const sampleEvery = 15;
  const started = Date.now();
  const elapsed = () => (Date.now() - started) / 1000;
  let sent = 0;
  const samples: Sample[] = [];
  let nextSample = warmUpSeconds;
  while (elapsed() < warmUpSeconds + seconds) {
    await postLoad(server.url, messages, sent, 500, 8);
    sent += 500;
    if (elapsed() >= nextSample) {
      const heap = await heapAfterGc(server);
      samples.push({ seconds: Math.round(elapsed() - warmUpSeconds), messages: sent, ...heap });
      nextSample += sampleEvery;
    }
  }
  await server.stop();

  const first = samples[0]!;
  const last = samples.at(-1)!;
  const heaps = samples.map((sample) => sample.heapUsed);
  const spread = (Math.max(...heaps) - Math.min(...heaps)) / first.heapUsed;
  const growth = (last.heapUsed - first.heapUsed) / first.heapUsed;
  const conversations = (last.messages - first.messages) / 10;
  const perConversation = conversations > 0 ? (last.heapUsed - first.heapUsed) / conversations : 0;
  const rows = samples.map(
    (sample) =>
      `| ${sample.seconds} s | ${(sample.messages / 10).toFixed(0)} | ${mib(sample.heapUsed)} (${(sample.heapUsed / 1e6).toFixed(1)} MB) | ${mib(sample.rss)} |`,
  );
  const body = `${measuredOn()}

| what | measured | target |
|---|---|---|
| heap after GC, highest − lowest ÷ first, over ${seconds} s | ${(spread * 100).toFixed(1)}% (${(growth * 100).toFixed(1)}% from the first to the last) | flat within 10% |
| heap after GC per conversation, first to last sample | ${perConversation.toFixed(0)} bytes over ${conversations.toFixed(0)} conversations | – |

One bot process (\`dist/src/index.js\`, default settings but analytics off) under ${8} closed-loop clients sending
conversations of 10 messages (4 questions, 6 replies to the bot; a new conversation every 10 messages, 50 under
way at once) for ${warmUpSeconds} s of warm-up and then ${seconds} s; every ${sampleEvery} s the load pauses and the bot collects garbage
twice and reports \`process.memoryUsage()\` (\`bench/gc-probe.js\`). Conversations are kept in bounded memory: at most
10,000, each forgotten after 30 minutes idle.

| time after warm-up | conversations started | heap after GC | RSS |
|---|---|---|---|
${rows.join('\n')}
`;
  return section(SOAK_HEADING, body, { soakSpread: spread, soakGrowth: growth });
}
