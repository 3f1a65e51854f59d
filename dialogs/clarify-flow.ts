/**
 * 「どちらのご質問ですか」: two topics were close. A pick (pressed, typed, or its number) gets
 * that topic's answer, with the page of a company the first message named; 「どれでもない」, 「いいえ」,
 * 「わからない」 get an apology and the topics (recorded as unanswered for the report); anything
 * else is not an answer to it.
 */
import { clarificationEvent } from '../src/analytics/events';
import type { ClarifyFollowUp } from './follow-up';
import { type FlowContext, noteMessage, saysOneOf, type Turn } from './flow-context';

export function answerClarify(followUp: ClarifyFollowUp, context: FlowContext): Turn | undefined {
  const { answer, services, questions, channel } = context;
  const { engine, knowledgeBase, analytics } = services;
  const { picked } = answer;

  const chosen = picked === undefined ? undefined : followUp.choices[picked];
  if (chosen) {
    analytics.record(clarificationEvent(channel, chosen, followUp.wording));
    const issuer = knowledgeBase.cardCompanies.find((company) => company.id === followUp.issuer) ?? null;
    return context.afterReply(engine.answerFor(chosen, issuer));
  }
  if (
    picked === followUp.choices.length ||
    saysOneOf(answer, 'no', 'noThanks', 'noneOfThese', 'dontKnow', 'unhelpful')
  ) {
    analytics.record(clarificationEvent(channel, 'none', followUp.wording));
    return context.close([
      noteMessage(knowledgeBase.replies.noneOfTheseReply, { buttons: questions.topics }),
    ]);
  }
  return undefined;
}
