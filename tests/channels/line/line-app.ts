/** The real app with LINE switched on against the fake Messaging API, its log kept in memory. */
import { type RunningApp, startApp } from '../../../src/app';
import { loadConfig } from '../../../src/config';
import { createLogger } from '../../../src/logger';
import type { Tokenizer } from '../../../src/nlu';
import { startFakeLineApi, type FakeLineApi } from './fake-line-api';
import { CHANNEL_ACCESS_TOKEN, CHANNEL_SECRET } from './line-webhook-client';

export interface LogEntry {
  readonly level: string;
  readonly message: string;
  readonly [field: string]: unknown;
}

export interface LineTestApp {
  readonly app: RunningApp;
  readonly fake: FakeLineApi;
  /** Every log line the app wrote, as written. */
  readonly logLines: string[];
  logEntries(message?: string): LogEntry[];
  close(): Promise<void>;
}

export async function startLineTestApp(
  tokenizer: Tokenizer,
  env: Record<string, string> = {},
): Promise<LineTestApp> {
  const fake = await startFakeLineApi();
  const logLines: string[] = [];
  const logger = createLogger('debug', (line) => logLines.push(line));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LINE_CHANNEL_SECRET: CHANNEL_SECRET,
    LINE_CHANNEL_ACCESS_TOKEN: CHANNEL_ACCESS_TOKEN,
    LINE_API_BASE_URL: fake.url,
    ...env,
  });
  const app = await startApp(config, logger, Promise.resolve(tokenizer));
  await app.ready;
  return {
    app,
    fake,
    logLines,
    logEntries: (message) =>
      logLines
        .map((line) => JSON.parse(line) as LogEntry)
        .filter((entry) => message === undefined || entry.message === message),
    close: async () => {
      await app.close();
      await fake.close();
    },
  };
}
