/**
 * The one kind of question the bot asks: a message with buttons. A pressed button (or the same
 * words typed) is the answer; anything else is a new question, which the caller answers
 * instead of asking again, so nobody is trapped in a prompt.
 */
import { ActionTypes, type Activity, ActivityTypes, type CardAction } from 'botbuilder';
import {
  type Choice,
  ChoicePrompt,
  type FoundChoice,
  ListStyle,
  type PromptOptions,
  type Token,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { Suggestion } from '../src/nlu';

export const BUTTON_PROMPT = 'buttonPrompt';

/** A button: `title` is shown, `value` is what the prompt returns, `sends` what pressing it sends. */
export interface Button {
  readonly title: string;
  readonly value: string;
  readonly sends?: string;
}

/** Width, case, spaces and punctuation do not matter: 「はい」, 「はい。」 and 「はい！」 are the same answer. */
export function normalizeAnswer(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s。．.、,!！?？]+/gu, '');
}

/** The whole message is one token, so a choice matches only the exact (normalized) text. */
function wholeMessage(text: string): Token[] {
  if (typeof text !== 'string') return []; // a client can send anything as `text`
  const normal = normalizeAnswer(text);
  return normal ? [{ start: 0, end: text.length - 1, text, normalized: normal }] : [];
}

export function createButtonPrompt(): ChoicePrompt {
  // Accepting every reply ends the prompt: with a FoundChoice, or with nothing for a new question.
  const prompt = new ChoicePrompt(BUTTON_PROMPT, async function acceptAnyReply() {
    return true;
  });
  prompt.style = ListStyle.none;
  prompt.recognizerOptions = {
    tokenizer: wholeMessage,
    recognizeNumbers: false,
    recognizeOrdinals: false,
    allowPartialMatches: false,
  };
  return prompt;
}

/** A question as a button: shows its title, sends its canonical question, answers with its intent. */
export function questionButton(question: Suggestion): Button {
  return { title: question.title, value: question.intent, sends: question.question };
}

function toAction(button: Button): CardAction {
  return { type: ActionTypes.ImBack, title: button.title, value: button.sends ?? button.title };
}

/**
 * Asks `text` with `buttons` as answers. `more` are extra buttons (e.g. related questions)
 * that are not answers: pressing one sends a new question.
 */
export function promptWithButtons(
  step: WaterfallStepContext,
  text: string,
  buttons: readonly Button[],
  more: readonly Button[] = [],
) {
  const prompt: Partial<Activity> = {
    type: ActivityTypes.Message,
    text,
    locale: 'ja-JP',
    inputHint: 'expectingInput',
    suggestedActions: { actions: [...buttons, ...more].map(toAction), to: [] },
  };
  const choices: Choice[] = buttons.map((button) => ({
    value: button.value,
    synonyms: [button.title, ...(button.sends ? [button.sends] : [])],
  }));
  const options: PromptOptions = { prompt, choices };
  return step.prompt(BUTTON_PROMPT, options);
}

/** The pressed button's value, or undefined when the reply was something else. */
export function pressed(step: WaterfallStepContext): string | undefined {
  return (step.result as FoundChoice | undefined)?.value;
}
