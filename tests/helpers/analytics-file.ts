import fs from 'node:fs';
import type { AnalyticsEvent } from '../../src/analytics/analytics-event';
import { parseAnalyticsLog } from '../../src/analytics/analytics-log';

/** The events a bot recorded in its JSONL file, read with the report's own reader (none if no file). */
export function recordedEvents(file: string): readonly AnalyticsEvent[] {
  return fs.existsSync(file) ? parseAnalyticsLog(fs.readFileSync(file, 'utf8')).events : [];
}
