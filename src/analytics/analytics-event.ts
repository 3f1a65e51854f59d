/**
 * What the bot records about each turn, for the site team's report (`npm run report`): which
 * topic was asked, whether it was answered, and how people rated the answers. One event is one
 * line of the analytics JSONL file. No user ids, no names; the only text kept is an unanswered
 * question's wording, with card numbers, e-mail addresses and phone numbers masked.
 */
import type { IntentId } from '../nlu';

/** How the bot dealt with a question. `fallback`: out of scope, the bot said it cannot answer. */
export const QUESTION_OUTCOMES = ['answered', 'clarify', 'fallback', 'help', 'tooLong'] as const;
export type QuestionOutcome = (typeof QUESTION_OUTCOMES)[number];

interface EventBase {
  /**
   * When the turn happened; an ISO 8601 text in the file. Kept as a Date until an event is
   * written, with its batch: formatting it costs a turn more than anything else in its event.
   */
  readonly time: Date;
  /** Bot Framework channel id: `webchat`, `line`, `msteams`, `emulator`, `directline`… */
  readonly channel: string;
}

/** A message the bot tried to understand. */
export interface QuestionEvent extends EventBase {
  readonly event: 'question';
  readonly outcome: QuestionOutcome;
  /** The answered intent; for `clarify` the most likely one; `none` for `fallback`. */
  readonly intent: IntentId;
  /** The classifier's confidence in `intent`, 0..1, rounded to 3 digits. */
  readonly confidence: number;
  /** Id of the card company the question named (data/card-companies.json), if any. */
  readonly issuer?: string;
  /** Only for `fallback`: the question's wording, masked and at most 200 characters. */
  readonly text?: string;
}

/** The user's pick after "どちらのご質問ですか": an intent, or `none` for 「どれでもない」. */
export interface ClarificationEvent extends EventBase {
  readonly event: 'clarification';
  readonly intent: IntentId;
  /** Only when `intent` is `none`: the original question's wording, masked (as above). */
  readonly text?: string;
}

/** The answer to "役に立ちましたか？" after an answer about `intent`. */
export interface FeedbackEvent extends EventBase {
  readonly event: 'feedback';
  readonly intent: IntentId;
  readonly helpful: boolean;
}

export type AnalyticsEvent = QuestionEvent | ClarificationEvent | FeedbackEvent;

/** Where events go: the JSONL file, Application Insights, or both. Never throws. */
export interface Analytics {
  record(event: AnalyticsEvent): void;
  /** Writes out what is buffered (at shutdown, and in tests before reading the file). */
  flush(): Promise<void>;
}

/** Where the JSONL file goes unless ANALYTICS_FILE says otherwise (relative to the working directory). */
export const DEFAULT_ANALYTICS_FILE = 'logs/analytics.jsonl';
