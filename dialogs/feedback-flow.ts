/**
 * 「この回答は役に立ちましたか？」 after an answer. 「はい」 (or 「ありがとう」, 「助かりました」) and
 * 「いいえ」 (or 「役に立たなかった」) are recorded for the report; 「いいえ」 apologizes and offers the
 * topics. 「了解」 or 「大丈夫です」 close it without a rating, 「どれでもない」 or 「わからない」 with an
 * invitation to ask in other words; a related question (pressed, or its number) is a new question.
 */
import { feedbackEvent } from '../src/analytics/events';
import type { FeedbackFollowUp } from './follow-up';
import { type FlowContext, noteMessage, saysOneOf, type Turn } from './flow-context';

export function answerFeedback(followUp: FeedbackFollowUp, context: FlowContext): Turn | undefined {
  const { answer, services, questions, channel } = context;
  const { replies } = services.knowledgeBase;
  const helpful = answer.picked === 0 || saysOneOf(answer, 'yes', 'thanks', 'helpful');
  const unhelpful = answer.picked === 1 || saysOneOf(answer, 'no', 'unhelpful');
  if (helpful || unhelpful) {
    services.analytics.record(feedbackEvent(channel, followUp.intent, helpful));
    return context.close([
      helpful
        ? noteMessage(replies.feedbackThanks)
        : noteMessage(replies.feedbackSorry, { buttons: questions.topics }),
    ]);
  }
  if (saysOneOf(answer, 'okay', 'noThanks')) {
    return context.close([
      noteMessage(`${replies.acknowledged}${replies.nothingAsked}`, { buttons: questions.topics }),
    ]);
  }
  if (saysOneOf(answer, 'noneOfThese', 'dontKnow')) {
    return context.close([noteMessage(replies.noneOfTheseReply, { buttons: questions.topics })]);
  }
  return undefined;
}
