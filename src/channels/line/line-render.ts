/**
 * Renders the bot's activities as one LINE reply: plain text (LINE shows no Markdown), links as
 * bare URLs (LINE makes them tappable), at most 5 messages of at most 5,000 characters, and the
 * suggested actions as quick-reply buttons on the last message.
 */
import type { messagingApi } from '@line/bot-sdk';
import type { Activity, CardAction } from 'botbuilder';
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

/** Markdown as the bot writes it (see src/bot/reply-activity.ts) → the same text, plain. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/\r\n?/g, '\n')
    .replace(/ {2,}\n/g, '\n')
    .replace(/^#{1,6}\s+/gm, '')
    .replace(/^[ \t]*[-*+][ \t]+(?=\S)/gm, '・')
    .replace(/\[([^\]\n]*)\]\((\S+?)\)/g, (_link, title: string, url: string) =>
      title.trim() && title.trim() !== url ? `${title.trim()}\n${url}` : url,
    )
    .replace(
      /\*\*(.+?)\*\*|__(.+?)__/g,
      (_emphasis, bold?: string, underscored?: string) => bold ?? underscored ?? '',
    )
    .replace(/`([^`\n]+)`/g, '$1')
    .replace(/\\([\\`*_[\](){}#+\-.!])/g, '$1');
}

function activityText(activity: Partial<Activity>): string {
  const text = typeof activity.text === 'string' ? activity.text : '';
  return (activity.textFormat === 'plain' ? text : plainText(text)).trim();
}

/** Cuts a button label to LINE's 20 characters, with an ellipsis when it had to be cut. */
function label(title: string): string {
  return truncateText(title.trim(), LINE_LIMITS.quickReplyLabelLength, ELLIPSIS);
}

function quickReplyItem(action: CardAction): messagingApi.QuickReplyItem | undefined {
  const sends = typeof action.value === 'string' ? action.value : action.text;
  const pressable = ['imBack', 'postBack', 'messageBack'].includes(action.type);
  if (!pressable || typeof sends !== 'string' || !sends.trim()) return undefined;
  if (sends.length > LINE_LIMITS.messageActionTextLength) return undefined;
  const title = action.title?.trim() || sends;
  return { type: 'action', action: { type: 'message', label: label(title), text: sends } };
}

/** The buttons of every activity, in order, without repeats, at most 13. */
function quickReply(activities: readonly Partial<Activity>[]): messagingApi.QuickReply | undefined {
  const seen = new Set<string>();
  const items: messagingApi.QuickReplyItem[] = [];
  for (const action of activities.flatMap((activity) => activity.suggestedActions?.actions ?? [])) {
    const item = quickReplyItem(action);
    const sends = item?.action?.type === 'message' ? item.action.text : undefined;
    if (!item || sends === undefined || seen.has(sends)) continue;
    seen.add(sends);
    items.push(item);
  }
  return items.length ? { items: items.slice(0, LINE_LIMITS.quickReplyItems) } : undefined;
}

/** Keeps the first 4 texts and as much of the rest as fits the 5th, ending in an ellipsis. */
function withinMessageCount(texts: readonly string[]): string[] {
  const { messagesPerReply, textLength } = LINE_LIMITS;
  if (texts.length <= messagesPerReply) return [...texts];
  const rest = texts.slice(messagesPerReply - 1).join('\n\n');
  return [...texts.slice(0, messagesPerReply - 1), truncateText(rest, textLength, ELLIPSIS)];
}

/** The LINE messages for the activities the bot sent in one turn; empty when there is nothing to say. */
export function renderForLine(activities: readonly Partial<Activity>[]): messagingApi.TextMessage[] {
  const messages = activities.filter((activity) => activity.type === 'message');
  const texts = messages
    .map(activityText)
    .filter(Boolean)
    .flatMap((text) => splitText(text, LINE_LIMITS.textLength));
  const rendered: messagingApi.TextMessage[] = withinMessageCount(texts).map((text) => ({
    type: 'text',
    text,
  }));
  const buttons = quickReply(messages);
  const last = rendered[rendered.length - 1];
  if (last && buttons) last.quickReply = buttons;
  return rendered;
}
