/**
 * The "ask this question" button and its way back. Teams sends a pressed `messageBack` button
 * as a message whose `text` is the question and whose `value` holds the button's data, with no
 * mention of the bot, also in channels; the `faqQuestion` field marks it as addressed to us.
 */
import type { SubmitAction } from './adaptive-card';

const QUESTION_FIELD = 'faqQuestion';

export function askAction(title: string, question: string): SubmitAction {
  return {
    type: 'Action.Submit',
    title,
    tooltip: question,
    data: {
      msteams: { type: 'messageBack', text: question, displayText: question },
      [QUESTION_FIELD]: question,
    },
  };
}

/** The question a pressed ask button carries in `activity.value`, if this message is one. */
export function askedQuestion(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const question = (value as Record<string, unknown>)[QUESTION_FIELD];
  return typeof question === 'string' ? question : undefined;
}
