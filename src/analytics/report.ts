/**
 * What the site team reads in `npm run report`: how many questions each topic got, how often
 * the bot could not answer, what those questions were (grouped by similar wording), and which
 * answers people found unhelpful. Pure: the events and the word analysis are passed in.
 */
import { ALL_INTENTS, type IntentId } from '../nlu';
import type { AnalyticsEvent } from './analytics-event';
import type { AnalyticsLog } from './analytics-log';
import type { ContentWordsOf } from './content-words';
import {
  DEFAULT_GROUPING_OPTIONS,
  groupSimilarWordings,
  type GroupingOptions,
  type WordingGroup,
} from './similar-wordings';

export interface ReportOptions {
  /** Only events at or after this instant. */
  readonly from?: Date;
  /** Only events before this instant. */
  readonly until?: Date;
  /** Only events of this Bot Framework channel id (`line`, `webchat`, `msteams`…). */
  readonly channel?: string;
  readonly grouping?: GroupingOptions;
}

export interface IntentVolume {
  readonly intent: IntentId;
  /** Questions answered with this intent. */
  readonly answered: number;
  /** Times it was picked after "どちらのご質問ですか". */
  readonly picked: number;
  readonly total: number;
}

export interface Outcomes {
  readonly questions: number;
  readonly answered: number;
  readonly clarify: number;
  readonly fallback: number;
  readonly help: number;
  readonly tooLong: number;
  /** 「どれでもない」 picked after a clarification. */
  readonly noneOfThese: number;
  /** fallback + noneOfThese. */
  readonly unanswered: number;
  /** unanswered ÷ questions; 0 when there were no questions. */
  readonly fallbackRate: number;
}

export interface IntentFeedback {
  readonly intent: IntentId;
  readonly notHelpful: number;
  readonly total: number;
  /** notHelpful ÷ total. */
  readonly share: number;
}

export interface Report {
  readonly lines: {
    readonly events: number;
    readonly blank: number;
    readonly malformed: number;
    readonly unknown: number;
    readonly partialLastLine: boolean;
  };
  readonly filter: { readonly from?: string; readonly until?: string; readonly channel?: string };
  /** Events within the time window and channel. */
  readonly events: number;
  readonly volume: readonly IntentVolume[];
  readonly outcomes: Outcomes;
  readonly unanswered: {
    /** Unanswered questions whose event carries no text. */
    readonly withoutText: number;
    readonly groups: readonly WordingGroup[];
  };
  readonly feedback: readonly IntentFeedback[];
}

const intentOrder = (intent: IntentId) => ALL_INTENTS.indexOf(intent);
const ratio = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);

function inWindow(options: ReportOptions) {
  const from = options.from?.getTime() ?? -Infinity;
  const until = options.until?.getTime() ?? Infinity;
  return function isReported(event: AnalyticsEvent): boolean {
    const time = event.time.getTime();
    return (
      time >= from && time < until && (options.channel === undefined || event.channel === options.channel)
    );
  };
}

function volumePerIntent(events: readonly AnalyticsEvent[]): IntentVolume[] {
  const volume = new Map<IntentId, { answered: number; picked: number }>();
  function entry(intent: IntentId) {
    const counts = volume.get(intent) ?? { answered: 0, picked: 0 };
    volume.set(intent, counts);
    return counts;
  }
  for (const event of events) {
    if (event.event === 'question' && event.outcome === 'answered') entry(event.intent).answered++;
    if (event.event === 'clarification' && event.intent !== 'none') entry(event.intent).picked++;
  }
  return [...volume]
    .map(([intent, { answered, picked }]) => ({ intent, answered, picked, total: answered + picked }))
    .sort((a, b) => b.total - a.total || intentOrder(a.intent) - intentOrder(b.intent));
}

function countOutcomes(events: readonly AnalyticsEvent[]): Outcomes {
  const counts = { questions: 0, answered: 0, clarify: 0, fallback: 0, help: 0, tooLong: 0, noneOfThese: 0 };
  for (const event of events) {
    if (event.event === 'question') {
      counts.questions++;
      counts[event.outcome]++;
    } else if (event.event === 'clarification' && event.intent === 'none') {
      counts.noneOfThese++;
    }
  }
  const unanswered = counts.fallback + counts.noneOfThese;
  return { ...counts, unanswered, fallbackRate: ratio(unanswered, counts.questions) };
}

function isUnanswered(event: AnalyticsEvent): boolean {
  return (
    (event.event === 'question' && event.outcome === 'fallback') ||
    (event.event === 'clarification' && event.intent === 'none')
  );
}

function feedbackPerIntent(events: readonly AnalyticsEvent[]): IntentFeedback[] {
  const feedback = new Map<IntentId, { notHelpful: number; total: number }>();
  for (const event of events) {
    if (event.event !== 'feedback') continue;
    const entry = feedback.get(event.intent) ?? { notHelpful: 0, total: 0 };
    entry.total++;
    if (!event.helpful) entry.notHelpful++;
    feedback.set(event.intent, entry);
  }
  return [...feedback]
    .map(([intent, { notHelpful, total }]) => ({
      intent,
      notHelpful,
      total,
      share: ratio(notHelpful, total),
    }))
    .sort(
      (a, b) =>
        b.notHelpful - a.notHelpful || b.share - a.share || intentOrder(a.intent) - intentOrder(b.intent),
    );
}

export function buildReport(
  log: AnalyticsLog,
  contentWordsOf: ContentWordsOf,
  options: ReportOptions = {},
): Report {
  const events = log.events.filter(inWindow(options));
  const unanswered = events.filter(isUnanswered);
  const texts = unanswered.flatMap((event) => ('text' in event && event.text?.trim() ? [event.text] : []));
  return {
    lines: {
      events: log.events.length,
      blank: log.blankLines,
      malformed: log.malformedLines,
      unknown: log.unknownLines,
      partialLastLine: log.partialLastLine,
    },
    filter: {
      ...(options.from ? { from: options.from.toISOString() } : {}),
      ...(options.until ? { until: options.until.toISOString() } : {}),
      ...(options.channel === undefined ? {} : { channel: options.channel }),
    },
    events: events.length,
    volume: volumePerIntent(events),
    outcomes: countOutcomes(events),
    unanswered: {
      withoutText: unanswered.length - texts.length,
      groups: groupSimilarWordings(texts, contentWordsOf, options.grouping ?? DEFAULT_GROUPING_OPTIONS),
    },
    feedback: feedbackPerIntent(events),
  };
}
