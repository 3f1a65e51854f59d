/**
 * Reads the analytics JSONL file's text into events. The file is appended to by a running bot,
 * so its last line may be half written, and it may hold lines this version does not know (a
 * newer event, an intent since renamed): such lines are skipped and counted, never thrown on.
 */
import { isIntentId } from '../nlu';
import { type AnalyticsEvent, QUESTION_OUTCOMES, type QuestionOutcome } from './analytics-event';

export interface AnalyticsLog {
  readonly events: readonly AnalyticsEvent[];
  /** Empty or blank lines (not counting the end of the last line). */
  readonly blankLines: number;
  /** Lines that are not a JSON object of the recorded shape (e.g. cut off while being written). */
  readonly malformedLines: number;
  /** JSON objects of an event type or intent this version does not know. */
  readonly unknownLines: number;
  /** True when the last line has no line break and cannot be read: the bot may be writing it. */
  readonly partialLastLine: boolean;
}

type Reading = { readonly event: AnalyticsEvent } | { readonly skipped: 'malformed' | 'unknown' };

const isString = (value: unknown): value is string => typeof value === 'string';

function readEvent(line: string): Reading {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return { skipped: 'malformed' };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { skipped: 'malformed' };
  const fields = raw as Record<string, unknown>;
  const { event, time, channel, intent, text } = fields;
  if (!isString(event) || !isString(time) || Number.isNaN(Date.parse(time)) || !isString(channel)) {
    return { skipped: 'malformed' };
  }
  if (event !== 'question' && event !== 'clarification' && event !== 'feedback') {
    return { skipped: 'unknown' };
  }
  if (!isString(intent)) return { skipped: 'malformed' };
  if (!isIntentId(intent)) return { skipped: 'unknown' };
  if (text !== undefined && !isString(text)) return { skipped: 'malformed' };
  const base = { time: new Date(time), channel, intent };

  switch (event) {
    case 'question': {
      const { outcome, confidence, issuer } = fields;
      if (!QUESTION_OUTCOMES.includes(outcome as QuestionOutcome)) return { skipped: 'unknown' };
      if (typeof confidence !== 'number' || (issuer !== undefined && !isString(issuer))) {
        return { skipped: 'malformed' };
      }
      return {
        event: {
          event,
          ...base,
          outcome: outcome as QuestionOutcome,
          confidence,
          ...(issuer === undefined ? {} : { issuer }),
          ...(text === undefined ? {} : { text }),
        },
      };
    }
    case 'clarification':
      return { event: { event, ...base, ...(text === undefined ? {} : { text }) } };
    case 'feedback':
      if (typeof fields.helpful !== 'boolean') return { skipped: 'malformed' };
      return { event: { event, ...base, helpful: fields.helpful } };
  }
}

export function parseAnalyticsLog(text: string): AnalyticsLog {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const endsWithBreak = lines[lines.length - 1] === '';
  if (endsWithBreak) lines.pop();
  const events: AnalyticsEvent[] = [];
  let blankLines = 0;
  let malformedLines = 0;
  let unknownLines = 0;
  let partialLastLine = false;
  lines.forEach(function readLine(line, index) {
    if (line.trim() === '') {
      blankLines++;
      return;
    }
    const reading = readEvent(line);
    if ('event' in reading) events.push(reading.event);
    else if (reading.skipped === 'unknown') unknownLines++;
    else {
      malformedLines++;
      if (!endsWithBreak && index === lines.length - 1) partialLastLine = true;
    }
  });
  return { events, blankLines, malformedLines, unknownLines, partialLastLine };
}
