/**
 * What the bot says in one turn, as structured values that each channel renders once, at its
 * edge: Web Chat as Markdown with suggested actions, LINE as plain text with quick replies,
 * Teams as Adaptive Cards. Nothing here is Markdown, and nothing is taken apart and put back.
 */
import type { PendingFollowUp } from '../../dialogs/follow-up';
import type { FaqReply, Link } from '../nlu';

/** A button. `label` fits a short button (LINE: 20 characters) whole; `sends` is what a press sends. */
export interface Button {
  readonly title: string;
  readonly label: string;
  readonly sends: string;
}

/** A choice of the bot's question: a button, or an item of a numbered list (`group` is its heading). */
export interface Choice extends Button {
  readonly group?: string;
}

/** The engine's reply to a question. `buttons`: its related questions when the bot asks nothing after it. */
export interface ReplyMessage {
  readonly kind: 'reply';
  readonly reply: FaqReply;
  readonly buttons: readonly Button[];
}

/** A short message of the conversation's own: thanks for a rating, where the contact desk is… */
export interface NoteMessage {
  readonly kind: 'note';
  readonly text: string;
  readonly links: readonly Link[];
  readonly buttons: readonly Button[];
}

/**
 * The bot's own question. A typed number picks a choice: with `buttons` layout the n-th of the
 * choices and then of the more buttons; with `list` layout (too many for buttons) the n-th item.
 */
export interface QuestionMessage {
  readonly kind: 'question';
  readonly text: string;
  readonly choices: readonly Choice[];
  readonly layout: 'buttons' | 'list';
  /** Shown after the choices: the related questions (a press asks them), or わからない beside a list. */
  readonly more: readonly Button[];
  /** A line under a list (the list is an example, as of a date). */
  readonly note?: string;
  /** The question itself, so that a button that carries data (Teams) brings it back with the answer. */
  readonly followUp: PendingFollowUp;
  /** The engine's reply this question is (a clarification), for channels that show staff its facts. */
  readonly about?: FaqReply;
}

export type BotMessage = ReplyMessage | NoteMessage | QuestionMessage;

/** The buttons of a question in the order a typed number counts them. */
export function numberedButtons(question: QuestionMessage): readonly Button[] {
  return question.layout === 'list' ? question.choices : [...question.choices, ...question.more];
}
