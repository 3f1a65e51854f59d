/** What every dialog needs: the engine for answers, the data for prompt texts, analytics for outcomes. */
import type { Activity, TurnContext } from 'botbuilder';
import type { Analytics } from '../src/analytics/analytics-event';
import { questionEvent } from '../src/analytics/events';
import { replyActivity } from '../src/bot/reply-activity';
import { type FaqEngine, type FaqReply, isFaqIntent, type KnowledgeBase } from '../src/nlu';

export interface FaqServices {
  readonly engine: FaqEngine;
  readonly knowledgeBase: KnowledgeBase;
  readonly analytics: Analytics;
}

/** The message's text; a client can send anything as `text`, and anything else is no text. */
export function messageText(activity: Partial<Activity>): string {
  return typeof activity.text === 'string' ? activity.text : '';
}

/** The engine's reply to `text`, recorded for the report. */
export function askAndRecord(
  { engine, analytics }: FaqServices,
  context: TurnContext,
  text: string,
): FaqReply {
  const reply = engine.ask(text);
  analytics.record(questionEvent(context.activity.channelId, text, reply));
  return reply;
}

/** Sends a reply; without its next-question buttons when a prompt that shows them follows. */
export async function sendReply(context: TurnContext, reply: FaqReply, withButtons = true): Promise<void> {
  await context.sendActivity(replyActivity(withButtons ? reply : { ...reply, suggestions: [] }));
}

/** Whether the reply answered one of the document's questions (not small talk, help or "cannot answer"). */
export function answersFaq(reply: FaqReply): boolean {
  return reply.kind === 'answer' && isFaqIntent(reply.intent);
}
