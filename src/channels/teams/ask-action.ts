/**
 * The card buttons and their way back. Teams sends a pressed `messageBack` button as a message
 * whose `text` is what the button sends and whose `value` holds the button's data, with no
 * mention of the bot, also in channels. `faqQuestion` marks a question to ask; `faqFollowUp`
 * carries the bot's question a button answers, so that a button pressed on an older card, or
 * by a colleague in the same channel, answers the question on its own card; a drop-down's
 * choice comes back as `faqChoice`.
 */
import { type PendingFollowUp, readFollowUp } from '../../../dialogs/follow-up';
import type { SubmitAction } from './adaptive-card';

const QUESTION_FIELD = 'faqQuestion';
const FOLLOW_UP_FIELD = 'faqFollowUp';
/** The id of a drop-down whose value is sent with a follow-up's submit button. */
export const CHOICE_FIELD = 'faqChoice';

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

/** A button that answers the bot's question `followUp` with `sends`, as if typed. */
export function answerAction(title: string, sends: string, followUp: PendingFollowUp): SubmitAction {
  return {
    type: 'Action.Submit',
    title,
    data: {
      msteams: { type: 'messageBack', text: sends, displayText: sends },
      [FOLLOW_UP_FIELD]: followUp,
    },
  };
}

/** The submit button of a drop-down that answers `followUp`: the choice comes back as `faqChoice`. */
export function submitChoiceAction(title: string, followUp: PendingFollowUp): SubmitAction {
  return { type: 'Action.Submit', title, data: { [FOLLOW_UP_FIELD]: followUp } };
}

/** The bot's question a pressed button answers, and the drop-down's choice, if this message is one. */
export function answeredFollowUp(
  value: unknown,
): { readonly followUp: PendingFollowUp; readonly choice: string | undefined } | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  const followUp = readFollowUp(record[FOLLOW_UP_FIELD]);
  if (!followUp) return undefined;
  const choice = record[CHOICE_FIELD];
  return { followUp, choice: typeof choice === 'string' ? choice : undefined };
}
