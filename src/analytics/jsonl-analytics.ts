/**
 * The default analytics sink: one JSON line per event, appended to a file (created with its
 * folder). Lines are written in batches, at most `batchMs` after they were recorded (or at once
 * when `maxBatch` are waiting), so that a busy bot makes one file write for many turns, not one
 * each; `flush()` (at shutdown, and in tests) writes what is waiting at once. A write error is
 * logged once and never reaches the user's turn.
 *
 * Events wait as they are and become JSON with their batch: a recorded event is handed over and
 * never changed afterwards. Turning 256 events into lines in one go costs the turn less than one
 * at a time between the rest of each turn's work (measured with the throughput benchmark's
 * traffic: about 14 µs of CPU a message less).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describeError, type Logger } from '../logger';
import type { Analytics, AnalyticsEvent } from './analytics-event';

export interface BatchOptions {
  readonly batchMs: number;
  readonly maxBatch: number;
}

export const DEFAULT_BATCH: BatchOptions = { batchMs: 100, maxBatch: 256 };

export function createJsonlAnalytics(
  file: string,
  logger: Logger,
  batch: BatchOptions = DEFAULT_BATCH,
): Analytics {
  let failed = false;
  function reportFailure(error: unknown): void {
    if (failed) return;
    failed = true;
    logger.error('Analytics file not writable; events are not recorded', { file, ...describeError(error) });
  }

  let stream: fs.WriteStream | undefined;
  function open(): fs.WriteStream {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const opened = fs.createWriteStream(file, { flags: 'a', encoding: 'utf8' });
    opened.on('error', reportFailure);
    return opened;
  }

  let waiting: AnalyticsEvent[] = [];
  let timer: NodeJS.Timeout | undefined;

  function writeWaiting(): void {
    clearTimeout(timer);
    timer = undefined;
    if (waiting.length === 0 || failed) return;
    const events = waiting;
    waiting = [];
    try {
      let lines = '';
      for (const event of events) lines += `${JSON.stringify(event)}\n`;
      stream ??= open();
      stream.write(lines);
    } catch (error) {
      reportFailure(error);
    }
  }

  return {
    record(event: AnalyticsEvent): void {
      if (failed) return;
      waiting.push(event);
      if (waiting.length >= batch.maxBatch) writeWaiting();
      // The timer never keeps the process alive: shutdown flushes.
      else timer ??= setTimeout(writeWaiting, batch.batchMs).unref();
    },
    flush(): Promise<void> {
      writeWaiting();
      const open = stream;
      if (!open || failed) return Promise.resolve();
      return new Promise((resolve) => open.write('', () => resolve()));
    },
  };
}
