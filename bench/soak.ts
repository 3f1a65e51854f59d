/**
 * npm run soak — load, soak and fault benchmark of the built bot, on loopback only, and its
 * section of BENCHMARKS.md (the rest of the file is left as it is). Not part of npm test.
 * `npm run soak -- --short` runs every part at a tenth of its length and writes nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../src/nlu';
import { readLabelledSet } from '../src/nlu/labelled-set';
import { measureShutdown, measureStorageOutage } from './soak-faults';
import { nonOk, percentile, type LoadResult } from './soak-load';
import { SOAK_HEADING } from './soak-heading';
import { CONNECTIONS, measureSoak, measureThroughput } from './soak-scenarios';

const root = projectRoot();
const log = (message: string) => process.stderr.write(`${message}\n`);
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const ms = (value: number) => (Number.isFinite(value) ? `${value.toFixed(0)} ms` : 'never');
const yes = (met: boolean) => (met ? 'met' : '**missed**');

function describeLoad(load: LoadResult): string {
  const statuses = [...load.statuses]
    .sort(([a], [b]) => a - b)
    .map(([status, count]) => `${status === 0 ? 'connection errors' : status}: ${count}`)
    .join(', ');
  return `${load.requests} requests in ${load.seconds.toFixed(0)} s (${(load.requests / load.seconds).toFixed(0)}/s), p50 ${percentile(load.latencies, 0.5).toFixed(1)} ms, p99 ${percentile(load.latencies, 0.99).toFixed(1)} ms; ${statuses}`;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const short = args.includes('--short');
  if (args.some((arg) => arg !== '--short')) throw new Error('usage: npm run soak [-- --short]');
  const scale = short ? 0.1 : 1;
  const questions = readLabelledSet(path.join(root, 'tests', 'fixtures', 'dev-set.jsonl')).map((q) => q.text);

  log(`load: ${60 * scale} s at ${CONNECTIONS} connections…`);
  const load = await measureThroughput(questions, 60 * scale);
  log(`soak: ${300 * scale} s, state in Azurite…`);
  const soak = await measureSoak(questions, 300 * scale, 30 * scale);
  log(`Azurite killed under load…`);
  const outage = await measureStorageOutage(questions, 40 * scale);
  log(`SIGTERM under load…`);
  const shutdown = await measureShutdown(10 * scale);

  const baseline = soak.heap.find(([at]) => at >= 60 * scale) ?? soak.heap[0]!;
  const afterWarmUp = soak.heap.filter(([at]) => at >= baseline[0]).map(([, bytes]) => bytes);
  const drift = Math.max(...afterWarmUp.map((bytes) => Math.abs(bytes / baseline[1] - 1)));
  const missing = shutdown.wordingsAnswered - shutdown.wordingsRecorded;
  const perConversation = (load.heapAfter - load.heapBefore) / load.conversations;
  const loadErrors = nonOk(load.load);
  const outageErrors = nonOk(outage.load);

  const section = `${SOAK_HEADING}

Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'CPU'}, Node ${process.version}, ${os.platform()}.
Reproduce with \`npm run soak\` (builds, then runs \`node dist/bench/soak.js\`; about 8 minutes; loopback
only; not part of \`npm test\`). It rewrites this section alone.

| run | measured | target |
|---|---|---|
| ${60 * scale} s at ${CONNECTIONS} connections, in-memory state | ${describeLoad(load.load)} | 0 errors: ${yes(loadErrors === 0)} |
| ${(300 * scale) / 60} min, a new conversation every 10 messages, state in Azurite | heap after GC ${mib(baseline[1])} after ${baseline[0]} s, ${mib(soak.heap.at(-1)![1])} at the end; largest difference from the first: ${(drift * 100).toFixed(1)}% | flat within 10%: ${yes(drift <= 0.1)} |
| Azurite killed (SIGKILL) under load, started again ${outage.downSeconds} s later | non-200 answers: ${outageErrors} of ${outage.load.requests}; /healthz said degraded ${ms(outage.detectedMs)} after the kill and ready ${ms(outage.recoveredMs)} after Azurite was back | 0 non-200: ${yes(outageErrors === 0)}; recovery within 5 s: ${yes(outage.recoveredMs <= 5000)} |
| SIGTERM under load | ${shutdown.answered} turns answered; the ${shutdown.wordingsAnswered} unanswerable questions among them: ${shutdown.wordingsRecorded} in the analytics file (${shutdown.questionEvents} question events in all); exit code ${shutdown.exitCode} ${ms(shutdown.exitMs)} after SIGTERM | no answered turn missing: ${yes(missing === 0 && shutdown.questionEvents >= shutdown.answered)} |

- **How**: the built bot (\`node dist/src/index.js\`, as \`npm start\` runs it) in a child process on
  127.0.0.1, with \`--expose-gc\` and \`dist/bench/heap-probe.js\` preloaded, which answers SIGUSR2
  with the heap in use after a full collection. ${CONNECTIONS} keep-alive clients in this process post
  \`deliveryMode: "expectReplies"\` activities to \`/api/messages\` back to back, cycling through the
  ${questions.length} dev-set questions, a new conversation id every 10 messages. Azurite's Blob
  service (npm \`azurite\`) runs on loopback with its data in a temporary folder.
- **Load**: in-memory state (the default). The heap after GC went from ${mib(load.heapBefore)} to
  ${mib(load.heapAfter)} over ${load.conversations} conversations (${(perConversation / 1024).toFixed(2)} KiB each): botbuilder's
  \`MemoryStorage\` keeps every conversation for the life of the process, which is why the soak
  keeps the state in Azurite (bounding the in-memory store belongs to issue 16).
- **Soak**: ${describeLoad(soak.load)}. Heap after GC (s: MiB): ${soak.heap.map(([at, bytes]) => `${at}: ${(bytes / 1024 / 1024).toFixed(1)}`).join(', ')}.
  The first figure after a minute is the reference (the answer cache and the engine's buffers
  fill in the first seconds).
- **Azurite killed**: ${describeLoad(outage.load)}. Storage calls are held to
  \`STORAGE_TIMEOUT_MS\` (3 s); a refused connection fails at once and the message is answered on
  its own. /healthz polled every 100 ms.
- **SIGTERM**: every question distinct (a fallback question with a katakana counter, so its wording is
  recorded); ${describeLoad(shutdown.load)} (each client stops at its first refusal after SIGTERM: a
  503 while the bot stops, or a connection error once its port is closed). The bot finishes the
  requests under way, writes the analytics file out and exits.
`;
  process.stdout.write(section);
  if (short) return;
  const file = path.join(root, 'BENCHMARKS.md');
  const old = fs.readFileSync(file, 'utf8');
  const start = old.indexOf(SOAK_HEADING);
  const next = start < 0 ? -1 : old.indexOf('\n## ', start + SOAK_HEADING.length);
  const report =
    start < 0
      ? `${old.trimEnd()}\n\n${section}`
      : `${old.slice(0, start)}${section}${next < 0 ? '' : `\n${old.slice(next + 1)}`}`;
  fs.writeFileSync(file, report);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
