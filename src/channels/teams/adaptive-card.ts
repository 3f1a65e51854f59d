/**
 * The few Adaptive Card parts the Teams cards use, typed, and the message that carries a card.
 * Version 1.5 is the highest Teams renders for bots. Teams lays out the actions of one
 * ActionSet side by side and cuts long titles, so button lists put each button in its own
 * ActionSet, one under the other.
 */
import { type Activity, ActivityTypes, CardFactory } from 'botbuilder';

export const ADAPTIVE_CARD_VERSION = '1.5';

export interface TextBlock {
  readonly type: 'TextBlock';
  readonly text: string;
  readonly wrap: true;
  readonly size?: 'Small' | 'Medium' | 'Large';
  readonly weight?: 'Bolder';
  readonly color?: 'Attention' | 'Accent';
  readonly isSubtle?: boolean;
  readonly style?: 'heading';
  readonly spacing?: 'Small' | 'Medium';
}

export interface FactSet {
  readonly type: 'FactSet';
  readonly facts: readonly { readonly title: string; readonly value: string }[];
}

export interface OpenUrlAction {
  readonly type: 'Action.OpenUrl';
  readonly title: string;
  readonly url: string;
}

/** A button that sends a message back to the bot (Teams `messageBack`), see ask-action.ts. */
export interface SubmitAction {
  readonly type: 'Action.Submit';
  readonly title: string;
  readonly tooltip?: string;
  readonly data: Record<string, unknown>;
}

export type CardAction = OpenUrlAction | SubmitAction;

export interface ActionSet {
  readonly type: 'ActionSet';
  readonly actions: readonly CardAction[];
}

export interface Container {
  readonly type: 'Container';
  readonly items: readonly CardElement[];
  readonly style?: 'emphasis';
  readonly separator?: boolean;
  readonly spacing?: 'Medium';
}

/** A choice among many, as a drop-down: its value comes back in the submit's data under `id`. */
export interface ChoiceSetInput {
  readonly type: 'Input.ChoiceSet';
  readonly id: string;
  readonly label: string;
  readonly placeholder?: string;
  readonly isRequired?: boolean;
  readonly errorMessage?: string;
  readonly choices: readonly { readonly title: string; readonly value: string }[];
}

export type CardElement = TextBlock | FactSet | ActionSet | Container | ChoiceSetInput;

export interface AdaptiveCard {
  readonly type: 'AdaptiveCard';
  readonly $schema: string;
  readonly version: typeof ADAPTIVE_CARD_VERSION;
  /** Shown by clients that cannot render the card. */
  readonly fallbackText: string;
  readonly body: readonly CardElement[];
  /** Teams: use the full width of the conversation for long Japanese answers. */
  readonly msteams: { readonly width: 'Full' };
}

export function adaptiveCard(body: readonly CardElement[], fallbackText: string): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: ADAPTIVE_CARD_VERSION,
    fallbackText,
    body,
    msteams: { width: 'Full' },
  };
}

export function textBlock(text: string, options: Omit<TextBlock, 'type' | 'text' | 'wrap'> = {}): TextBlock {
  return { type: 'TextBlock', text, wrap: true, ...options };
}

export function heading(text: string, options: Omit<TextBlock, 'type' | 'text' | 'wrap'> = {}): TextBlock {
  return textBlock(text, { size: 'Medium', weight: 'Bolder', style: 'heading', ...options });
}

/** Short buttons (はい, いいえ) side by side in one row. */
export function buttonRow(actions: readonly CardAction[]): ActionSet {
  return { type: 'ActionSet', actions };
}

/** One button per row, so that long Japanese titles stay readable. */
export function buttonList(actions: readonly CardAction[]): ActionSet[] {
  return actions.map((action) => ({ type: 'ActionSet', actions: [action] }));
}

/** The message activity that carries one card. */
export function cardActivity(card: AdaptiveCard, summary: string): Partial<Activity> {
  return {
    type: ActivityTypes.Message,
    attachments: [CardFactory.adaptiveCard(card)],
    summary,
    locale: 'ja-JP',
  };
}
