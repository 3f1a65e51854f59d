/**
 * Translates a LINE webhook event into the Bot Framework activity the bot understands, or
 * undefined when the bot has nothing to say to it (unfollow, join, postback, unknown events).
 */
import { type Activity, ActivityTypes, type ChannelAccount, type ConversationAccount } from 'botbuilder';

export const LINE_CHANNEL_ID = 'line';

/** Messages the bot cannot read; the bot answers them (a message without text) with its help. */
const NON_TEXT_MESSAGES = new Set(['sticker', 'image', 'video', 'audio', 'location', 'file']);

/**
 * The parts of a webhook event this bridge reads (a subset of the SDK's `webhook.Event`, which
 * the untrusted body is not checked against); anything else in it is ignored.
 */
export interface LineEvent {
  readonly type: string;
  readonly mode?: string;
  readonly timestamp?: number;
  readonly webhookEventId?: string;
  readonly deliveryContext?: { readonly isRedelivery?: boolean };
  readonly replyToken?: string;
  readonly source?: { readonly type?: string; userId?: string; groupId?: string; roomId?: string };
  readonly message?: { readonly type?: string; readonly id?: string; readonly text?: string };
}

/** A one-to-one chat is the user's id; a group or a room is the group's or room's id. */
function conversationOf(source: LineEvent['source']): ConversationAccount | undefined {
  const conversation = (id: string, isGroup: boolean): ConversationAccount => ({
    id,
    isGroup,
    name: '',
    conversationType: source?.type ?? '',
  });
  if (source?.type === 'group' && source.groupId) return conversation(source.groupId, true);
  if (source?.type === 'room' && source.roomId) return conversation(source.roomId, true);
  if (source?.type === 'user' && source.userId) return conversation(source.userId, false);
  return undefined;
}

function isAnswerableMessage(event: LineEvent): boolean {
  const type = event.message?.type;
  return type === 'text' ? typeof event.message?.text === 'string' : NON_TEXT_MESSAGES.has(type ?? '');
}

/**
 * The activity for an event that gets a reply: a text message (its text), another message
 * (no text: the help message), a follow (a new member: the welcome message). `botUserId` is
 * the webhook's `destination`, the bot's own LINE user id.
 */
export function activityFromEvent(event: LineEvent, botUserId: string): Partial<Activity> | undefined {
  if (!event.replyToken || event.mode === 'standby') return undefined;
  const conversation = conversationOf(event.source);
  if (!conversation) return undefined;
  const user: ChannelAccount = { id: event.source?.userId ?? conversation.id, name: '', role: 'user' };
  const common = {
    channelId: LINE_CHANNEL_ID,
    id: event.webhookEventId,
    timestamp: new Date(event.timestamp ?? Date.now()),
    locale: 'ja-JP',
    serviceUrl: '',
    from: user,
    recipient: { id: botUserId || 'line-bot', name: '', role: 'bot' },
    conversation,
  };
  if (event.type === 'message' && isAnswerableMessage(event)) {
    const text = event.message?.type === 'text' ? event.message.text : undefined;
    return { ...common, type: ActivityTypes.Message, ...(text === undefined ? {} : { text }) };
  }
  if (event.type === 'follow') {
    return { ...common, type: ActivityTypes.ConversationUpdate, membersAdded: [user] };
  }
  return undefined;
}
