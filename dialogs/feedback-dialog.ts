/**
 * "この回答は役に立ちましたか？" after an answer, with 「はい」「いいえ」 and the answer's
 * related questions (pressing one of those is a new question). The rating is recorded.
 */
import { WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { feedbackEvent } from '../src/analytics/events';
import type { IntentId, Suggestion } from '../src/nlu';
import { pressed, promptWithButtons, questionButton } from './button-prompt';
import { type FaqServices, sendReply } from './faq-services';

export const FEEDBACK_DIALOG = 'feedback';

export interface FeedbackOptions {
  /** The intent of the answer being rated. */
  readonly intent: IntentId;
  readonly related: readonly Suggestion[];
}

/** Ends with `done`, or `newQuestion` when the user asked something else. */
export type FeedbackResult = { readonly kind: 'done' | 'newQuestion' };

const HELPFUL = 'yes';
const NOT_HELPFUL = 'no';

export function createFeedbackDialog({ engine, knowledgeBase, analytics }: FaqServices): WaterfallDialog {
  const { replies } = knowledgeBase;

  return new WaterfallDialog(FEEDBACK_DIALOG, [
    async function askIfHelpful(step: WaterfallStepContext) {
      const { related } = step.options as FeedbackOptions;
      const buttons = [
        { title: replies.feedbackYes, value: HELPFUL },
        { title: replies.feedbackNo, value: NOT_HELPFUL },
      ];
      return promptWithButtons(step, replies.feedbackPrompt, buttons, related.map(questionButton));
    },
    async function recordRating(step: WaterfallStepContext) {
      const value = pressed(step);
      if (value === undefined) return step.endDialog({ kind: 'newQuestion' } satisfies FeedbackResult);
      const { intent } = step.options as FeedbackOptions;
      const helpful = value === HELPFUL;
      analytics.record(feedbackEvent(step.context.activity.channelId, intent, helpful));
      if (helpful) {
        await step.context.sendActivity({ type: 'message', text: replies.feedbackThanks, locale: 'ja-JP' });
      } else {
        // The help topics as buttons, so the next try is one tap away.
        await sendReply(step.context, { ...engine.answerFor('help'), text: replies.feedbackSorry });
      }
      return step.endDialog({ kind: 'done' } satisfies FeedbackResult);
    },
  ]);
}
