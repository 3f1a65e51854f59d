/**
 * The soak benchmark's fault runs: the Blob storage emulator killed (SIGKILL) while the bot is
 * under load and started again, and SIGTERM to the bot under load, with every answered turn
 * looked for in the analytics file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Azurite } from './azurite';
import { blobEnv, CONNECTIONS, messageActivity, startBot, tempDir, until } from './soak-scenarios';
import { type LoadResult, runLoad } from './soak-load';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface StorageOutage {
  readonly load: LoadResult;
  /** ms from the kill until /healthz said degraded. */
  readonly detectedMs: number;
  /** ms from Azurite listening again until /healthz said ready (the bot's storage calls work). */
  readonly recoveredMs: number;
  readonly downSeconds: number;
}

/** Load for `seconds`; Azurite killed after a quarter of it, started again after half. */
export async function measureStorageOutage(
  questions: readonly string[],
  seconds: number,
): Promise<StorageOutage> {
  const azurite = new Azurite();
  await azurite.start();
  const bot = await startBot(blobEnv(azurite, 'outage'));
  const health = async (status: string) => {
    const response = await fetch(`${bot.server.url}/healthz`);
    return ((await response.json()) as { status?: string }).status === status;
  };
  try {
    const loading = runLoad({
      url: bot.server.url,
      connections: CONNECTIONS,
      durationMs: seconds * 1000,
      maxRequests: 2_000_000,
      activity: (i) => messageActivity(questions[i % questions.length]!, i, 10, 'outage'),
    });
    await sleep((seconds * 1000) / 4);
    await azurite.stop('SIGKILL');
    const detectedMs = await until(10_000, () => health('degraded'));
    const downSeconds = seconds / 4;
    await sleep(downSeconds * 1000 - Math.min(detectedMs, downSeconds * 1000));
    await azurite.start();
    const recoveredMs = await until(30_000, () => health('ready'));
    const load = await loading;
    return { load, detectedMs, recoveredMs, downSeconds };
  } finally {
    await bot.server.stop();
    await azurite.dispose();
  }
}

export interface Shutdown {
  readonly load: LoadResult;
  readonly exitCode: number | null;
  /** ms from SIGTERM to the process's exit. */
  readonly exitMs: number;
  /** 200 answers that carried the bot's reply. */
  readonly answered: number;
  /** Of those, the unanswerable questions (their wording is recorded) found in the analytics file. */
  readonly wordingsAnswered: number;
  readonly wordingsRecorded: number;
  /** question events in the analytics file. */
  readonly questionEvents: number;
}

/** Katakana for the digits of i, so every question is distinct and no digit is masked. */
const KANA = 'アイウエオカキクケコ';
const distinct = (i: number) =>
  `領収書の宛名を変えたいです（${[...String(i)].map((d) => KANA[Number(d)]).join('')}）`;

/** Load with distinct questions; SIGTERM after `afterSeconds`; the analytics file read after exit. */
export async function measureShutdown(afterSeconds: number): Promise<Shutdown> {
  const dir = tempDir();
  const file = path.join(dir, 'analytics.jsonl');
  const bot = await startBot({ ANALYTICS_FILE: file });
  const answeredWordings = new Set<string>();
  let answered = 0;
  try {
    const loading = runLoad({
      url: bot.server.url,
      connections: CONNECTIONS,
      durationMs: (afterSeconds + 30) * 1000,
      maxRequests: 2_000_000,
      stopOnRefusal: true,
      activity: (i) => messageActivity(distinct(i), i, 10, 'stop'),
      onAnswer: (i, status, body) => {
        if (status !== 200) return;
        const replies = (JSON.parse(body) as { activities?: { text?: string }[] }).activities ?? [];
        if (replies.length === 0) return;
        answered += 1;
        if (replies.some((reply) => reply.text?.includes('お答えできません')))
          answeredWordings.add(distinct(i));
      },
    });
    await sleep(afterSeconds * 1000);
    const stopped = performance.now();
    bot.server.child.kill('SIGTERM');
    const exitCode = await bot.exited(30_000);
    const exitMs = performance.now() - stopped;
    const load = await loading;
    const events = fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { event: string; text?: string });
    const recorded = new Set(events.map((event) => event.text));
    return {
      load,
      exitCode,
      exitMs,
      answered,
      wordingsAnswered: answeredWordings.size,
      wordingsRecorded: [...answeredWordings].filter((wording) => recorded.has(wording)).length,
      questionEvents: events.filter((event) => event.event === 'question').length,
    };
  } finally {
    if (bot.server.child.exitCode === null) bot.server.child.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
