/**
 * What differs between channels, decided once per channel: how a message is read (Teams:
 * mentions, commands, the question a pressed card button answers), how the bot's messages are
 * rendered (Markdown, LINE's plain text and quick replies, Adaptive Cards), which follow-ups its
 * users get, its own welcome, and its search box (Teams' message extension). Channels without an
 * entry of their own get Web Chat's.
 */
import type { Activity, MessagingExtensionResponse } from 'botbuilder';
import type { PendingFollowUp } from '../../dialogs/follow-up';
import { renderForWebChat } from '../channels/webchat/webchat-render';
import type { FaqSearch } from '../nlu';
import type { BotMessage } from './bot-message';

/** A message as the conversation reads it: its text, and the question a pressed card button answers. */
export interface ChannelMessage {
  readonly kind: 'message';
  readonly text: string;
  readonly followUp?: PendingFollowUp;
}

/** What a channel makes of an incoming message. */
export type ChannelInput =
  | ChannelMessage
  /** The channel answers it itself (a Teams command). */
  | { readonly kind: 'own'; readonly activities: readonly Partial<Activity>[] }
  /** Not for the bot (a Teams channel message without a mention). */
  | { readonly kind: 'ignore' };

/** A channel's own search box: the words of a search, and the engine's results rendered for it. */
export interface ChannelSearch {
  /** The words searched for, from the invoke's value; '' when opened without any (Teams' initialRun). */
  read(query: unknown): string;
  render(search: FaqSearch): MessagingExtensionResponse;
  /** What the search box shows when the search failed. */
  readonly failed: MessagingExtensionResponse;
}

export interface Channel {
  readonly channelId: string;
  /** Whether the bot offers the card company's page after an answer (not to Teams staff). */
  readonly offersCardCompany: boolean;
  read(activity: Partial<Activity>): ChannelInput;
  render(messages: readonly BotMessage[]): Partial<Activity>[];
  /** The channel's own welcome for a conversationUpdate, or undefined for the bot's welcome message. */
  welcome?(activity: Partial<Activity>): readonly Partial<Activity>[];
  /** The channel's search box, if it has one. */
  readonly search?: ChannelSearch;
}

/** The message's text; a client can send anything as `text`, and anything else is no text. */
export function messageText(activity: Partial<Activity>): string {
  return typeof activity.text === 'string' ? activity.text : '';
}

/** Web Chat, the Emulator, Direct Line and every channel without an entry of its own. */
export const DEFAULT_CHANNEL: Channel = {
  channelId: '*',
  offersCardCompany: true,
  read: (activity) => ({ kind: 'message', text: messageText(activity) }),
  render: renderForWebChat,
};
