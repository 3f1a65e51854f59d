/** Types shared by the FAQ engine and everything that renders its replies. */

export const FAQ_INTENTS = [
  'about_3ds',
  'payment_retry',
  'mypage_login',
  'payment_unresolved',
  'convenience_store',
  'card_previously_worked',
  'how_to_register',
  'registration_status',
  'otp_delivery',
  'error_cause',
  'issuer_links',
] as const;
export const SMALL_TALK_INTENTS = ['greeting', 'thanks', 'help'] as const;
export const ALL_INTENTS = [...FAQ_INTENTS, ...SMALL_TALK_INTENTS, 'none'] as const;

export type FaqIntent = (typeof FAQ_INTENTS)[number];
export type IntentId = (typeof ALL_INTENTS)[number];

/** One of the document's questions (not small talk, and not "none"). */
export function isFaqIntent(intent: IntentId): intent is FaqIntent {
  return (FAQ_INTENTS as readonly string[]).includes(intent);
}

/** Greeting, thanks or a question about the chat itself. */
export function isSmallTalk(intent: IntentId): boolean {
  return (SMALL_TALK_INTENTS as readonly string[]).includes(intent);
}

export function isIntentId(value: unknown): value is IntentId {
  return typeof value === 'string' && (ALL_INTENTS as readonly string[]).includes(value);
}

/** A page to open: `title` names it in full, `label` in at most 20 characters (a short button). */
export interface Link {
  readonly title: string;
  readonly label: string;
  readonly url: string;
}

/**
 * A button: `title` is what the user sees, `label` the same in at most 20 characters (LINE's
 * quick-reply buttons), `question` is the text sent when it is pressed.
 */
export interface Suggestion {
  readonly title: string;
  readonly label: string;
  readonly question: string;
  readonly intent: IntentId;
}

/** A button label fits LINE's quick replies (and any other short button) whole, without being cut. */
export const MAX_LABEL_LENGTH = 20;

export interface FaqAnswer {
  readonly intent: IntentId;
  readonly title: string;
  /** The title in at most 20 characters, written for short buttons (LINE's quick replies). */
  readonly label: string;
  /** A canonical question that always classifies as this intent (used for buttons). */
  readonly question: string;
  /** The heading or question of the source document the answer comes from. */
  readonly section: string;
  readonly text: string;
  /**
   * Answers of one family come from overlapping sections of the document (how to register and
   * registration status, say); each one's text carries the facts of all of them.
   */
  readonly family?: string;
  readonly next: readonly IntentId[];
  /** The answer sends the user to their card company, so the bot offers that company's page. */
  readonly offersCardCompanyPage: boolean;
}

export interface CardCompany {
  readonly id: string;
  readonly kind: 'issuer' | 'brand';
  readonly name: string;
  /** The brand's 3-D Secure programme name, e.g. "Visa Secure". */
  readonly serviceName?: string;
  /** Names that always mean this card (楽天カード, JCB, アメックス). */
  readonly aliases: readonly string[];
  /** Names shared with a bank, a shop or a car maker (楽天, イオン): the card only beside a card or payment word. */
  readonly sharedNames: readonly string[];
  /** Names that are mostly something else (PayPay, au, JR東日本): the card only beside a card word. */
  readonly strictNames: readonly string[];
  /** A brand's names for its 3-D Secure programme (Visa Secure, J/Secure): the brand, read as 3-D Secure. */
  readonly serviceNames: readonly string[];
  readonly url: string;
}

export interface IntentScore {
  readonly intent: IntentId;
  /** Posterior probability among all intents, 0..1. */
  readonly confidence: number;
}

export type ReplyKind = 'answer' | 'clarify' | 'outOfScope' | 'empty' | 'tooLong';

/**
 * The bot's own question that may follow a reply:
 * - `clarify`: which of the reply's suggestions was meant;
 * - `cardCompanyOffer`: the answer sends the user to their card company, none was named: its page may be offered;
 * - `cardCompanyChoice`: the reply is about the card companies' pages, none was named: which company?
 */
export type FollowUpQuestion = 'clarify' | 'cardCompanyOffer' | 'cardCompanyChoice';

/** What may follow a reply; the conversation decides what it asks (an offer only once, say). */
export interface FollowUp {
  readonly question: FollowUpQuestion | null;
  /** The reply answers one of the document's questions: the bot may ask whether it helped. */
  readonly feedback: boolean;
}

export interface FaqReply {
  readonly kind: ReplyKind;
  /** The answered intent; for `clarify` the most likely one; `none` when out of scope. */
  readonly intent: IntentId;
  readonly confidence: number;
  /** The card company or brand the question named, if any (the first one named). */
  readonly issuer: CardCompany | null;
  readonly title: string;
  readonly text: string;
  readonly links: readonly Link[];
  /** Buttons: the clarification's choices, otherwise the related questions. */
  readonly suggestions: readonly Suggestion[];
  /** What may follow this reply: the bot's next question, the feedback question. */
  readonly followUp: FollowUp;
  /** The source section of the answer, for staff; empty when not from the document. */
  readonly section: string;
  /** The other intents whose facts this reply carries (its answer family), e.g. registration_status beside how_to_register. */
  readonly alsoAnswers: readonly IntentId[];
  /** The best-scoring intents, most likely first, for staff and for clarification. */
  readonly candidates: readonly IntentScore[];
  /** True when the message held what looks like a card number (never echoed). */
  readonly cardNumberWarning: boolean;
}
