/**
 * The soak benchmark's four runs, each against the built bot as `npm start` runs it, in a child
 * process on loopback: load, a long soak with the heap sampled after GC, Azurite killed under
 * load, and SIGTERM under load. Every wait and loop has a bound.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../src/nlu';
import { Azurite } from './azurite';
import { startServer, type ServerProcess } from './processes';
import { type LoadResult, runLoad } from './soak-load';

const root = projectRoot();
const BOT = path.join(root, 'dist', 'src', 'index.js');
const PROBE = path.join(root, 'dist', 'bench', 'heap-probe.js');
export const CONNECTIONS = 16;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The i-th message: a new conversation every `perConversation` messages. */
export function messageActivity(text: string, i: number, perConversation: number, run: string) {
  const conversation = `${run}-${Math.floor(i / perConversation)}`;
  return {
    type: 'message',
    deliveryMode: 'expectReplies',
    channelId: 'emulator',
    serviceUrl: 'http://127.0.0.1:9',
    from: { id: `user-${conversation}` },
    recipient: { id: 'bot' },
    conversation: { id: conversation },
    text,
  };
}

export interface Bot {
  readonly server: ServerProcess;
  /** Heap in use after a full GC, in bytes (asked of the bot's preloaded probe). */
  heapAfterGc(): Promise<number>;
  /** Waits (at most `ms`) for the process to exit; its exit code, or null if it had not. */
  exited(ms: number): Promise<number | null>;
}

export async function startBot(env: Record<string, string>): Promise<Bot> {
  const heaps: ((bytes: number) => void)[] = [];
  const starting = startServer(process.execPath, ['--expose-gc', '-r', PROBE, BOT], {
    env: { LOG_LEVEL: 'info', ANALYTICS_FILE: 'off', ...env },
    cwd: root,
    onLine: (entry) => {
      if (entry.message === 'heap after GC') heaps.shift()?.(Number(entry.heapUsed));
    },
  });
  const server = await Promise.race([
    starting,
    sleep(60_000).then(() => Promise.reject(new Error('the bot did not listen within 60 s'))),
  ]);
  if (
    !Number.isFinite(await until(30_000, async () => (await fetch(`${server.url}/healthz`)).status === 200))
  ) {
    throw new Error('/healthz did not say 200 within 30 s');
  }
  const exit = new Promise<number | null>((resolve) => server.child.once('exit', (code) => resolve(code)));
  return {
    server,
    heapAfterGc: () =>
      new Promise((resolve) => {
        heaps.push(resolve);
        server.child.kill('SIGUSR2');
      }),
    exited(ms) {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<null>((resolve) => (timer = setTimeout(resolve, ms, null)));
      return Promise.race([exit, late]).finally(() => clearTimeout(timer));
    },
  };
}

/** Polls `probe` every 100 ms until true; the ms it took, or Infinity after `limitMs`. */
export async function until(limitMs: number, probe: () => Promise<boolean>): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < limitMs) {
    if (await probe().catch(() => false)) return performance.now() - started;
    await sleep(100);
  }
  return Infinity;
}

export interface Throughput {
  readonly load: LoadResult;
  readonly conversations: number;
  readonly heapBefore: number;
  readonly heapAfter: number;
}

/** 16 connections for `seconds`, in-memory state (the default), a new conversation every 10 messages. */
export async function measureThroughput(questions: readonly string[], seconds: number): Promise<Throughput> {
  const bot = await startBot({});
  try {
    const heapBefore = await bot.heapAfterGc();
    const load = await runLoad({
      url: bot.server.url,
      connections: CONNECTIONS,
      durationMs: seconds * 1000,
      maxRequests: 2_000_000,
      activity: (i) => messageActivity(questions[i % questions.length]!, i, 10, 'load'),
    });
    const heapAfter = await bot.heapAfterGc();
    return { load, conversations: Math.ceil(load.requests / 10), heapBefore, heapAfter };
  } finally {
    await bot.server.stop();
  }
}

export interface Soak {
  readonly load: LoadResult;
  /** [seconds since the start, heap after GC in bytes]. */
  readonly heap: readonly [number, number][];
}

/** `seconds` of load with the state in Azurite, the heap after GC sampled every `everySeconds`. */
export async function measureSoak(
  questions: readonly string[],
  seconds: number,
  everySeconds: number,
): Promise<Soak> {
  const azurite = new Azurite();
  await azurite.start();
  const bot = await startBot(blobEnv(azurite, 'soak'));
  try {
    const heap: [number, number][] = [[0, await bot.heapAfterGc()]];
    const started = performance.now();
    let running = true;
    const sampling = (async () => {
      for (let next = everySeconds; running && next <= seconds; next += everySeconds) {
        await sleep(Math.max(0, started + next * 1000 - performance.now()));
        if (running) heap.push([next, await bot.heapAfterGc()]);
      }
    })();
    const load = await runLoad({
      url: bot.server.url,
      connections: CONNECTIONS,
      durationMs: seconds * 1000,
      maxRequests: 5_000_000,
      activity: (i) => messageActivity(questions[i % questions.length]!, i, 10, 'soak'),
    });
    running = false;
    await sampling;
    heap.push([Math.round((performance.now() - started) / 1000), await bot.heapAfterGc()]);
    return { load, heap };
  } finally {
    await bot.server.stop();
    await azurite.dispose();
  }
}

export function blobEnv(azurite: Azurite, container: string): Record<string, string> {
  return {
    STORAGE: 'blob',
    AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
    AZURE_STORAGE_CONTAINER: container,
  };
}

export const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'faq-soak-'));
