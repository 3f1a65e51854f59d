/**
 * What every flow gets for one message: the reply read against the bot's open question, the
 * services, and the few things a flow does (answer a new question, ask the next question, say a
 * short note). A flow returns the turn, or undefined when the message does not answer its
 * question: then it is a new question.
 */
import type { Analytics } from '../src/analytics/analytics-event';
import type { BotMessage, Button, NoteMessage } from '../src/bot/bot-message';
import type { FaqEngine, FaqReply, KnowledgeBase, Link } from '../src/nlu';
import type { AnswerWord, Reading } from './answer-words';
import type { ConversationState, PendingFollowUp } from './follow-up';
import type { AskOptions, Questions } from './questions';

export interface ConversationServices {
  readonly engine: FaqEngine;
  readonly knowledgeBase: KnowledgeBase;
  readonly analytics: Analytics;
}

/** One message's outcome: what the bot says, and what the conversation remembers after it. */
export interface Turn {
  readonly messages: readonly BotMessage[];
  readonly state: ConversationState;
}

/** The message, read as a reply to the open question. */
export interface Answer {
  readonly text: string;
  readonly reading: Reading | undefined;
  /** The word the whole message is (はい, いいえ, わからない…), if it is one. */
  readonly word: AnswerWord | undefined;
  /** The question's numbered button it picks (pressed, typed, or by its number). */
  readonly picked: number | undefined;
}

export interface FlowContext {
  readonly services: ConversationServices;
  readonly questions: Questions;
  readonly state: ConversationState;
  readonly channel: string;
  readonly answer: Answer;
  /** The engine's answer to `text`, recorded for the report, and what follows it. */
  newQuestion(text: string): Turn;
  /** A reply the conversation chose (a picked topic), and what follows it. */
  afterReply(reply: FaqReply): Turn;
  /** Asks `followUp` next, after `before` (a note, or the company's page). */
  askNext(followUp: PendingFollowUp, before?: readonly BotMessage[], options?: AskOptions): Turn;
  /** Says `before` and asks nothing: the conversation has no open question after it. */
  close(before: readonly BotMessage[]): Turn;
}

export function noteMessage(
  text: string,
  { links = [], buttons = [] }: { links?: readonly Link[]; buttons?: readonly Button[] } = {},
): NoteMessage {
  return { kind: 'note', text, links, buttons };
}

/** Whether the message is one of these words. */
export function saysOneOf(answer: Answer, ...words: readonly AnswerWord[]): boolean {
  return answer.word !== undefined && words.includes(answer.word);
}
