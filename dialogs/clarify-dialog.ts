/**
 * Two intents were close: "どちらのご質問ですか" with both as buttons and 「どれでもない」.
 * Ends with the picked intent, `none`, or `newQuestion` when the user asked something else.
 */
import { WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { IntentId, KnowledgeBase, Suggestion } from '../src/nlu';
import { pressed, promptWithButtons, questionButton } from './button-prompt';

export const CLARIFY_DIALOG = 'clarify';

export interface ClarifyOptions {
  /** The clarification message (with the card-number warning when there was one). */
  readonly text: string;
  readonly choices: readonly Suggestion[];
}

export type ClarifyResult =
  | { readonly kind: 'chosen'; readonly intent: IntentId }
  | { readonly kind: 'none' }
  | { readonly kind: 'newQuestion' };

const NONE_OF_THESE = 'none';

export function createClarifyDialog(knowledgeBase: KnowledgeBase): WaterfallDialog {
  return new WaterfallDialog(CLARIFY_DIALOG, [
    async function askWhichOne(step: WaterfallStepContext) {
      const { text, choices } = step.options as ClarifyOptions;
      const noneOfThese = { title: knowledgeBase.replies.noneOfThese, value: NONE_OF_THESE };
      return promptWithButtons(step, text, [...choices.map(questionButton), noneOfThese]);
    },
    async function readTheChoice(step: WaterfallStepContext) {
      const value = pressed(step);
      const result: ClarifyResult =
        value === undefined
          ? { kind: 'newQuestion' }
          : value === NONE_OF_THESE
            ? { kind: 'none' }
            : { kind: 'chosen', intent: value as IntentId };
      return step.endDialog(result);
    },
  ]);
}
