/**
 * Activities shaped like the ones Teams sends to a bot: a tenant, a team and channel in
 * channelData, a staff member with an AAD object id, the bot as recipient with a `28:` id,
 * and `<at>FAQ Bot</at>` mention entities. Helpers post them to the real app and read the
 * Adaptive Cards of the replies.
 */
import type { RunningApp } from '../../../src/app';

export type ConversationType = 'personal' | 'channel' | 'groupChat';

export const TENANT_ID = '72f988bf-0000-4000-8000-00000000c0de';
export const BOT = { id: '28:00000000-0000-4000-8000-0000000000b0', name: 'FAQ Bot' };
export const STAFF = {
  id: '29:1a2b3c-support-staff',
  name: '佐藤 花子',
  aadObjectId: '00000000-0000-4000-8000-0000000000a1',
};
export const MENTION = `<at>${BOT.name}</at>`;

const CONVERSATIONS: Record<ConversationType, Record<string, unknown>> = {
  personal: { id: 'a:1personal-chat-with-the-bot', conversationType: 'personal', tenantId: TENANT_ID },
  channel: {
    id: '19:support-channel@thread.tacv2;messageid=1733000000000',
    conversationType: 'channel',
    isGroup: true,
    tenantId: TENANT_ID,
  },
  groupChat: {
    id: '19:group-chat@thread.v2',
    conversationType: 'groupChat',
    isGroup: true,
    tenantId: TENANT_ID,
  },
};

function channelData(conversationType: ConversationType): Record<string, unknown> {
  if (conversationType !== 'channel') return { tenant: { id: TENANT_ID } };
  return {
    tenant: { id: TENANT_ID },
    team: { id: '19:support-team@thread.tacv2', name: 'カスタマーサポート' },
    channel: { id: '19:support-channel@thread.tacv2', name: '決済エラー' },
    teamsTeamId: '19:support-team@thread.tacv2',
    teamsChannelId: '19:support-channel@thread.tacv2',
  };
}

export const mentionEntity = { type: 'mention', text: MENTION, mentioned: BOT };
const clientInfo = {
  type: 'clientInfo',
  locale: 'ja-JP',
  country: 'JP',
  platform: 'Web',
  timezone: 'Asia/Tokyo',
};

/** What every activity from Teams carries, for a conversation of the given type. */
function envelope(conversationType: ConversationType): Record<string, unknown> {
  return {
    deliveryMode: 'expectReplies',
    id: '1733000000123',
    timestamp: '2026-09-01T01:23:45.678Z',
    localTimestamp: '2026-09-01T10:23:45.678+09:00',
    channelId: 'msteams',
    serviceUrl: 'https://smba.trafficmanager.net/jp/',
    from: STAFF,
    recipient: BOT,
    conversation: CONVERSATIONS[conversationType],
    channelData: channelData(conversationType),
    locale: 'ja-JP',
  };
}

/** A Teams message; with `mention` (the default outside personal chat) `<at>FAQ Bot</at>` comes first. */
export interface MessageOptions extends Record<string, unknown> {
  readonly conversationType?: ConversationType;
  readonly mention?: boolean;
}

export function teamsMessage(text: string, options: MessageOptions = {}): Record<string, unknown> {
  const { conversationType = 'channel', mention = conversationType !== 'personal', ...fields } = options;
  return {
    ...envelope(conversationType),
    type: 'message',
    textFormat: 'plain',
    text: mention ? `${MENTION} ${text}` : text,
    entities: mention ? [mentionEntity, clientInfo] : [clientInfo],
    ...fields,
  };
}

/** A Teams conversationUpdate: members added to a personal chat, a team or a group chat. */
export function teamsMembersAdded(
  membersAdded: { id: string; name?: string }[],
  conversationType: ConversationType,
): Record<string, unknown> {
  const eventType = conversationType === 'channel' ? { eventType: 'teamMemberAdded' } : {};
  return {
    ...envelope(conversationType),
    type: 'conversationUpdate',
    membersAdded,
    channelData: { ...channelData(conversationType), ...eventType },
  };
}

export interface CardReply {
  readonly activity: Record<string, unknown>;
  readonly card: Record<string, unknown>;
}

export async function postToBot(app: RunningApp, body: unknown) {
  const response = await fetch(`${app.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : {};
  return { status: response.status, activities: (json.activities ?? []) as Record<string, unknown>[] };
}

/** The Adaptive Card each reply carries (a reply without one fails the test). */
export function cardsOf(activities: Record<string, unknown>[]): CardReply[] {
  return activities.map((activity) => {
    const attachments = activity.attachments as { contentType: string; content: Record<string, unknown> }[];
    expect(attachments).toHaveLength(1);
    expect(attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
    return { activity, card: attachments[0].content };
  });
}

/** Every string in the card, in order: what a person can read on it. */
export function textsOf(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  if (Array.isArray(node)) return node.flatMap(textsOf);
  if (typeof node === 'object' && node !== null) return Object.values(node).flatMap(textsOf);
  return [];
}

interface CardActionJson {
  type: string;
  title: string;
  url?: string;
  data?: { msteams?: { type: string; text: string; displayText: string } };
}

/** Every action of the card, wherever it sits. */
export function actionsOf(node: unknown): CardActionJson[] {
  if (Array.isArray(node)) return node.flatMap(actionsOf);
  if (typeof node !== 'object' || node === null) return [];
  const record = node as Record<string, unknown>;
  const own =
    typeof record.type === 'string' && record.type.startsWith('Action.')
      ? [record as unknown as CardActionJson]
      : [];
  return [...own, ...Object.values(record).flatMap(actionsOf)];
}

/** The facts of the card's FactSets, by title. */
export function factsOf(node: unknown): Record<string, string> {
  const facts: Record<string, string> = {};
  (function visit(value: unknown): void {
    if (Array.isArray(value)) return value.forEach(visit);
    if (typeof value !== 'object' || value === null) return;
    const record = value as Record<string, unknown>;
    if (record.type === 'FactSet') {
      for (const fact of record.facts as { title: string; value: string }[]) facts[fact.title] = fact.value;
    }
    Object.values(record).forEach(visit);
  })(node);
  return facts;
}

/**
 * Teams posts a search to the bot's own messaging endpoint with the Bot Connector's serviceUrl;
 * without MicrosoftAppId the bot accepts only a loopback one. Nothing is posted to it: the
 * results are the HTTP response to the invoke.
 */
const LOOPBACK_SERVICE_URL = 'http://127.0.0.1:9/';

/**
 * A search from the message extension (`composeExtension/query`), as Teams sends it while staff
 * type in the compose box's search; `{ initialRun: true }` when the search opens, before typing.
 */
export function teamsSearch(
  words: string | { readonly initialRun: true },
  conversationType: ConversationType = 'groupChat',
): Record<string, unknown> {
  const parameter =
    typeof words === 'string' ? { name: 'keywords', value: words } : { name: 'initialRun', value: 'true' };
  return {
    ...envelope(conversationType),
    // Teams waits for the invoke's own HTTP response; it never asks for expectReplies.
    deliveryMode: undefined,
    id: 'f:8912345678901234567',
    serviceUrl: LOOPBACK_SERVICE_URL,
    type: 'invoke',
    name: 'composeExtension/query',
    value: { commandId: 'searchFaq', parameters: [parameter], queryOptions: { skip: 0, count: 25 } },
    channelData: { ...channelData(conversationType), source: { name: 'compose' } },
    entities: [clientInfo],
  };
}

export interface SearchAttachment {
  readonly contentType: string;
  readonly content: Record<string, unknown>;
  readonly preview?: { contentType: string; content: { title?: string; text?: string } };
}

export interface SearchResponse {
  readonly status: number;
  readonly raw: string;
  readonly composeExtension: {
    type: string;
    attachmentLayout?: string;
    text?: string;
    attachments?: SearchAttachment[];
  };
}

/** Posts an invoke and reads the invoke response: what Teams shows in the search list. */
export async function searchBot(app: RunningApp, body: unknown): Promise<SearchResponse> {
  const response = await fetch(`${app.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const raw = await response.text();
  const json = raw ? JSON.parse(raw) : {};
  return { status: response.status, raw, composeExtension: json.composeExtension };
}
