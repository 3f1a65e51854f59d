/**
 * The bot's messages as one LINE reply, written from the structure (never from Markdown): plain
 * text; an answer or note with links as a Flex message, its text in a bubble and one button per
 * link that opens the page, with the text alone as `altText`; a long choice as a numbered list;
 * at most 5 messages, each within LINE's limits; and the buttons of the last message as quick
 * replies whose labels were written to fit LINE's 20 characters.
 */
import type { messagingApi } from '@line/bot-sdk';
import { type Activity, ActivityTypes } from 'botbuilder';
import { type BotMessage, type Button, type Choice, numberedButtons } from '../../bot/bot-message';
import { type Channel, DEFAULT_CHANNEL } from '../../bot/channel';
import type { Link } from '../../nlu';
import { LINE_CHANNEL_ID } from './line-activity';
import { splitText, truncateText } from './split-text';

/**
 * LINE's limits (Messaging API reference: "Send reply message", "Text message", "Flex Message",
 * "Quick reply", "URI action"). Lengths are UTF-16 code units, never fewer than LINE counts.
 */
export const LINE_LIMITS = Object.freeze({
  messagesPerReply: 5,
  textLength: 5000,
  quickReplyItems: 13,
  quickReplyLabelLength: 20,
  messageActionTextLength: 300,
  /** A Flex message's altText. */
  altTextLength: 1500,
  /** A URI action's label, the text of a Flex button. */
  uriActionLabelLength: 20,
  uriLength: 1000,
  /** The JSON of one Flex bubble. */
  bubbleBytes: 30_000,
});

/**
 * What this renderer puts in one bubble, well within LINE's limits: its text (longer text goes
 * before it in text messages), so that the bubble's JSON stays far below 30 KB whatever the
 * characters; and its buttons (further links are written in the text instead).
 */
export const FLEX_LIMITS = Object.freeze({ textLength: 2000, buttons: 4 });

/** The colour of the bot's Teams icon and rich menu, for the Flex buttons. */
export const ACCENT_COLOR = '#1F5FA8';

/** Marks text cut to fit the limits, so nothing disappears silently. */
export const ELLIPSIS = '…';

/** A message LINE is sent: plain text, or a Flex bubble with buttons that open pages. */
export type LineMessage = messagingApi.TextMessage | messagingApi.FlexMessage;

/** A message before it becomes LINE's: its text, and the links that become its buttons. */
interface Draft {
  readonly text: string;
  readonly links: readonly Link[];
}

function linkLines(links: readonly Link[]): string {
  return links.map((link) => (link.title === link.url ? link.url : `${link.title}\n${link.url}`)).join('\n');
}

function withLinks(text: string, links: readonly Link[]): string {
  return links.length ? `${text}\n\n${linkLines(links)}` : text;
}

/** A link LINE can open from a button: http(s), within the URI length. */
function opensFromButton(link: Link): boolean {
  return /^https?:\/\//i.test(link.url) && link.url.length <= LINE_LIMITS.uriLength;
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

function questionText(message: Extract<BotMessage, { kind: 'question' }>): string {
  // Short labels on the buttons: the whole titles, numbered, in the text.
  const explained =
    message.layout === 'list' || message.choices.some((choice) => choice.label !== choice.title);
  const list = explained ? `\n\n${numberedLines(message.choices)}` : '';
  return `${message.text}${list}${message.note ? `\n\n${message.note}` : ''}`;
}

/** What a message says, and the pages it links to. */
function contentOf(message: BotMessage): Draft {
  switch (message.kind) {
    case 'reply':
      return { text: message.reply.text, links: message.reply.links };
    case 'note':
      return { text: message.text, links: message.links };
    case 'question':
      return { text: questionText(message), links: [] };
  }
}

/**
 * A message's drafts: a text in pieces that fit a text message; a text with links in pieces
 * whose last one, within a bubble's text, carries the links as buttons (links beyond the
 * bubble's buttons, or that a button cannot open, are written in the text, as before).
 */
function drafts(message: BotMessage): Draft[] {
  const { text, links } = contentOf(message);
  const buttons = links.filter(opensFromButton).slice(0, FLEX_LIMITS.buttons);
  const written = withLinks(
    text,
    links.filter((link) => !buttons.includes(link)),
  );
  const textOnly = (piece: string): Draft => ({ text: piece, links: [] });
  if (!buttons.length) return splitText(written, LINE_LIMITS.textLength).map(textOnly);
  const pieces = splitText(written, FLEX_LIMITS.textLength);
  const last = pieces.pop() ?? '';
  return [...pieces.map(textOnly), { text: last, links: buttons }];
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

/** Keeps the first 4 messages and as much of the rest as fits the 5th, ending in an ellipsis. */
function withinMessageCount(all: readonly Draft[]): Draft[] {
  const { messagesPerReply } = LINE_LIMITS;
  if (all.length <= messagesPerReply) return [...all];
  const rest = all.slice(messagesPerReply - 1);
  const links = rest.flatMap((draft) => draft.links).slice(0, FLEX_LIMITS.buttons);
  const text = rest
    .map((draft) => draft.text)
    .filter(Boolean)
    .join('\n\n');
  const limit = links.length ? FLEX_LIMITS.textLength : LINE_LIMITS.textLength;
  return [...all.slice(0, messagesPerReply - 1), { text: truncateText(text, limit, ELLIPSIS), links }];
}

/** A button's label: the link's short label, cut only if data breaks the rule it was written to. */
function buttonLabel(link: Link): string {
  return truncateText(link.label.trim() || link.title.trim(), LINE_LIMITS.uriActionLabelLength, ELLIPSIS);
}

/** A link's button; above it, its whole title when the label is shorter ("Visa「Visa Secure」"). */
function linkComponents(link: Link): messagingApi.FlexComponent[] {
  const label = buttonLabel(link);
  const button: messagingApi.FlexButton = {
    type: 'button',
    style: 'primary',
    color: ACCENT_COLOR,
    height: 'sm',
    action: { type: 'uri', label, uri: link.url },
  };
  if (link.title.trim() === label) return [button];
  const title: messagingApi.FlexText = {
    type: 'text',
    text: link.title,
    size: 'xs',
    color: '#555555',
    wrap: true,
  };
  return [title, button];
}

/** The text in a bubble, a text component per paragraph (line breaks kept), and a button per link. */
function bubble(text: string, links: readonly Link[]): messagingApi.FlexBubble {
  const paragraphs = text.split(/\n{2,}/).filter((paragraph) => paragraph.trim());
  const body: messagingApi.FlexBox = {
    type: 'box',
    layout: 'vertical',
    spacing: 'md',
    contents: paragraphs.map((paragraph): messagingApi.FlexText => ({
      type: 'text',
      text: paragraph,
      wrap: true,
    })),
  };
  return {
    type: 'bubble',
    ...(paragraphs.length ? { body } : {}),
    footer: { type: 'box', layout: 'vertical', spacing: 'sm', contents: links.flatMap(linkComponents) },
  };
}

/** What notifications, the chat list and old clients show: the text, or the pages' names without it. */
function altText(draft: Draft): string {
  const text = draft.text.trim() || draft.links.map((link) => link.title).join('\n');
  return truncateText(text, LINE_LIMITS.altTextLength, ELLIPSIS);
}

function lineMessage(draft: Draft): LineMessage {
  if (!draft.links.length) return { type: 'text', text: draft.text };
  return { type: 'flex', altText: altText(draft), contents: bubble(draft.text, draft.links) };
}

function render(all: readonly Draft[], buttons: readonly Button[]): LineMessage[] {
  const rendered = withinMessageCount(all.filter((draft) => draft.text || draft.links.length)).map(
    lineMessage,
  );
  const last = rendered.at(-1);
  const items = quickReply(buttons);
  if (last && items) last.quickReply = items;
  return rendered;
}

/** The LINE messages for the bot's messages of one turn. */
export function lineMessages(messages: readonly BotMessage[]): LineMessage[] {
  const last = messages.at(-1);
  return render(messages.flatMap(drafts), last ? buttonsOf(last) : []);
}

/** A LINE message as plain text: what its notification shows. */
export function plainText(message: LineMessage): string {
  return message.type === 'text' ? message.text : message.altText;
}

/** Where the rendered LINE messages travel through the Bot Framework turn to the LINE bridge. */
interface LineChannelData {
  readonly lineMessages: LineMessage[];
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
      ? [{ type: ActivityTypes.Message, text: rendered.map(plainText).join('\n\n'), channelData }]
      : [];
  },
};

/**
 * What LINE is sent for the activities of one turn: the messages the bot rendered for LINE, and
 * any other message activity (the apology after an error) as its plain text.
 */
export function renderForLine(activities: readonly Partial<Activity>[]): LineMessage[] {
  const messages = activities.filter((activity) => activity.type === ActivityTypes.Message);
  const rendered = messages.flatMap((activity) => {
    const data = activity.channelData as Partial<LineChannelData> | undefined;
    if (Array.isArray(data?.lineMessages)) return data.lineMessages;
    return typeof activity.text === 'string' && activity.text.trim()
      ? render(
          splitText(activity.text.trim(), LINE_LIMITS.textLength).map((text) => ({ text, links: [] })),
          [],
        )
      : [];
  });
  return rendered.slice(0, LINE_LIMITS.messagesPerReply);
}
