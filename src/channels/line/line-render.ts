/**
 * The bot's messages as one LINE reply, written from the structure (never from Markdown): plain
 * text, links as the name and the bare URL on the next line (LINE makes it tappable), a long
 * choice as a numbered list, at most 5 messages of at most 5,000 characters, and the buttons of
 * the last message as quick replies whose labels were written to fit LINE's 20 characters.
 */
import type { messagingApi } from '@line/bot-sdk';
import { type Activity, ActivityTypes } from 'botbuilder';
import { type BotMessage, type Button, type Choice, numberedButtons } from '../../bot/bot-message';
import { type Channel, DEFAULT_CHANNEL } from '../../bot/channel';
import type { Link } from '../../nlu';
import { LINE_CHANNEL_ID } from './line-activity';
import { splitText, truncateText } from './split-text';

/** LINE's limits for one reply (Messaging API reference, "Send reply message", "Quick reply"). */
export const LINE_LIMITS = Object.freeze({
  messagesPerReply: 5,
  textLength: 5000,
  quickReplyItems: 13,
  quickReplyLabelLength: 20,
  messageActionTextLength: 300,
});

/** Marks text cut to fit the limits, so nothing disappears silently. */
export const ELLIPSIS = '…';

function linkLines(links: readonly Link[]): string {
  return links.map((link) => (link.title === link.url ? link.url : `${link.title}\n${link.url}`)).join('\n');
}

function withLinks(text: string, links: readonly Link[]): string {
  return links.length ? `${text}\n\n${linkLines(links)}` : text;
}

/** Numbered lines, under the heading of each group. */
function numberedLines(choices: readonly Choice[]): string {
  const lines: string[] = [];
  choices.forEach((choice, index) => {
    if (choice.group && choice.group !== choices[index - 1]?.group) lines.push(`【${choice.group}】`);
    lines.push(`${index + 1}. ${choice.title}`);
  });
  return lines.join('\n');
}

function messageText(message: BotMessage): string {
  switch (message.kind) {
    case 'reply':
      return withLinks(message.reply.text, message.reply.links);
    case 'note':
      return withLinks(message.text, message.links);
    case 'question': {
      // Short labels on the buttons: the whole titles, numbered, in the text.
      const explained =
        message.layout === 'list' || message.choices.some((choice) => choice.label !== choice.title);
      const list = explained ? `\n\n${numberedLines(message.choices)}` : '';
      return `${message.text}${list}${message.note ? `\n\n${message.note}` : ''}`;
    }
  }
}

function buttonsOf(message: BotMessage): readonly Button[] {
  if (message.kind !== 'question') return message.buttons;
  return message.layout === 'list' ? message.more : numberedButtons(message);
}

/** A label longer than LINE allows is a data error (labels are checked at start); cut rather than refused. */
function label(button: Button): string {
  return truncateText(button.label.trim(), LINE_LIMITS.quickReplyLabelLength, ELLIPSIS);
}

function quickReply(buttons: readonly Button[]): messagingApi.QuickReply | undefined {
  const items = buttons
    .filter((button) => button.sends.trim() && button.sends.length <= LINE_LIMITS.messageActionTextLength)
    .slice(0, LINE_LIMITS.quickReplyItems)
    .map((button): messagingApi.QuickReplyItem => ({
      type: 'action',
      action: { type: 'message', label: label(button), text: button.sends },
    }));
  return items.length ? { items } : undefined;
}

/** Keeps the first 4 texts and as much of the rest as fits the 5th, ending in an ellipsis. */
function withinMessageCount(texts: readonly string[]): string[] {
  const { messagesPerReply, textLength } = LINE_LIMITS;
  if (texts.length <= messagesPerReply) return [...texts];
  const rest = texts.slice(messagesPerReply - 1).join('\n\n');
  return [...texts.slice(0, messagesPerReply - 1), truncateText(rest, textLength, ELLIPSIS)];
}

function textMessages(texts: readonly string[], buttons: readonly Button[]): messagingApi.TextMessage[] {
  const pieces = texts.filter(Boolean).flatMap((text) => splitText(text, LINE_LIMITS.textLength));
  const rendered: messagingApi.TextMessage[] = withinMessageCount(pieces).map((text) => ({
    type: 'text',
    text,
  }));
  const last = rendered.at(-1);
  const items = quickReply(buttons);
  if (last && items) last.quickReply = items;
  return rendered;
}

/** The LINE messages for the bot's messages of one turn. */
export function lineMessages(messages: readonly BotMessage[]): messagingApi.TextMessage[] {
  const last = messages.at(-1);
  return textMessages(messages.map(messageText), last ? buttonsOf(last) : []);
}

/** Where the rendered LINE messages travel through the Bot Framework turn to the LINE bridge. */
interface LineChannelData {
  readonly lineMessages: messagingApi.TextMessage[];
}

/** LINE as the bot sees it: messages read as they are, replies rendered for LINE. */
export const LINE_CHANNEL: Channel = {
  channelId: LINE_CHANNEL_ID,
  offersCardCompany: true,
  read: DEFAULT_CHANNEL.read,
  render(messages) {
    const rendered = lineMessages(messages);
    const channelData: LineChannelData = { lineMessages: rendered };
    return rendered.length
      ? [{ type: ActivityTypes.Message, text: rendered.map((m) => m.text).join('\n\n'), channelData }]
      : [];
  },
};

/**
 * What LINE is sent for the activities of one turn: the messages the bot rendered for LINE, and
 * any other message activity (the apology after an error) as its plain text.
 */
export function renderForLine(activities: readonly Partial<Activity>[]): messagingApi.TextMessage[] {
  const messages = activities.filter((activity) => activity.type === ActivityTypes.Message);
  const rendered = messages.flatMap((activity) => {
    const data = activity.channelData as Partial<LineChannelData> | undefined;
    if (Array.isArray(data?.lineMessages)) return data.lineMessages;
    return typeof activity.text === 'string' && activity.text.trim()
      ? textMessages([activity.text.trim()], [])
      : [];
  });
  return rendered.slice(0, LINE_LIMITS.messagesPerReply);
}
