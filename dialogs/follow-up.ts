/**
 * The one thing a conversation keeps between messages: the bot's open question (the pending
 * follow-up), and whether the card company's page was already offered. It is stored per
 * conversation (in memory or in a shared blob), so it holds ids and flags only, plus a
 * clarified question's masked wording; what comes back from storage or a Teams card is checked
 * before it is used.
 */
import { type FaqIntent, type IntentId, isFaqIntent, isIntentId } from '../src/nlu';

/** 「どちらのご質問ですか」: the two close questions, the company the message named, its masked wording. */
export interface ClarifyFollowUp {
  readonly kind: 'clarify';
  readonly choices: readonly IntentId[];
  readonly issuer: string | null;
  readonly wording: string;
}

/** 「カード会社のページをご案内しましょうか？」 after the answer about `intent`. */
export interface CardCompanyOfferFollowUp {
  readonly kind: 'cardCompanyOffer';
  readonly intent: FaqIntent;
}

/** 「ご利用のクレジットカード会社を、番号か名前で…」; `intent` is the answer to rate afterwards. */
export interface CardCompanyChoiceFollowUp {
  readonly kind: 'cardCompanyChoice';
  readonly intent: FaqIntent;
}

/** 「この回答は役に立ちましたか？」 about the answer to `intent`. */
export interface FeedbackFollowUp {
  readonly kind: 'feedback';
  readonly intent: FaqIntent;
}

export type PendingFollowUp =
  ClarifyFollowUp | CardCompanyOfferFollowUp | CardCompanyChoiceFollowUp | FeedbackFollowUp;

/** What a conversation remembers. */
export interface ConversationState {
  readonly pending: PendingFollowUp | null;
  /** The card company's page was offered or shown once: it is not offered again. */
  readonly companyOffered: boolean;
}

export const NEW_CONVERSATION: ConversationState = Object.freeze({ pending: null, companyOffered: false });

/** A stored wording is never longer than the analytics keep (MAX_RECORDED_TEXT). */
const MAX_WORDING = 200;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A pending follow-up from storage or from a pressed card button, or null when it is not one. */
export function readFollowUp(value: unknown): PendingFollowUp | null {
  if (!isRecord(value)) return null;
  switch (value.kind) {
    case 'clarify': {
      const { choices, issuer, wording } = value;
      if (!Array.isArray(choices) || choices.length !== 2 || !choices.every(isAnswerableIntent)) return null;
      if (issuer !== null && typeof issuer !== 'string') return null;
      if (typeof wording !== 'string' || wording.length > MAX_WORDING) return null;
      return { kind: 'clarify', choices, issuer, wording };
    }
    case 'cardCompanyOffer':
    case 'cardCompanyChoice':
    case 'feedback':
      return isFaqIntentValue(value.intent) ? { kind: value.kind, intent: value.intent } : null;
    default:
      return null;
  }
}

function isFaqIntentValue(value: unknown): value is FaqIntent {
  return isIntentId(value) && isFaqIntent(value);
}

/** Any intent with an answer of its own (a clarification may offer small talk too), not `none`. */
function isAnswerableIntent(value: unknown): value is IntentId {
  return isIntentId(value) && value !== 'none';
}

/** The state kept in a stored record, or a new conversation's when it is not one. */
export function readConversationState(value: unknown): ConversationState {
  if (!isRecord(value)) return NEW_CONVERSATION;
  return { pending: readFollowUp(value.pending), companyOffered: value.companyOffered === true };
}

export function sameFollowUp(a: PendingFollowUp | null, b: PendingFollowUp | null): boolean {
  if (a === b) return true;
  if (!a || !b || a.kind !== b.kind) return false;
  if (a.kind === 'clarify' && b.kind === 'clarify') {
    return (
      a.issuer === b.issuer &&
      a.wording === b.wording &&
      a.choices.length === b.choices.length &&
      a.choices.every((choice, i) => choice === b.choices[i])
    );
  }
  return 'intent' in a && 'intent' in b && a.intent === b.intent;
}

export function sameState(a: ConversationState, b: ConversationState): boolean {
  return a.companyOffered === b.companyOffered && sameFollowUp(a.pending, b.pending);
}
