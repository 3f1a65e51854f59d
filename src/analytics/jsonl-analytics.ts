/**
 * The default analytics sink: one JSON line per event, appended to a file (created with its
 * folder). A write error is logged once and never reaches the user's turn.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describeError, type Logger } from '../logger';
import type { Analytics, AnalyticsEvent } from './analytics-event';

export function createJsonlAnalytics(file: string, logger: Logger): Analytics {
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

  return {
    record(event: AnalyticsEvent): void {
      if (failed) return;
      try {
        stream ??= open();
        stream.write(`${JSON.stringify(event)}\n`);
      } catch (error) {
        reportFailure(error);
      }
    },
    flush(): Promise<void> {
      const open = stream;
      if (!open || failed) return Promise.resolve();
      return new Promise((resolve) => open.write('', () => resolve()));
    },
  };
}
