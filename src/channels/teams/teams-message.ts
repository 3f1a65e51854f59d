/**
 * What a Teams message asks, and whether it is meant for the bot. In channels and group chats
 * the bot answers only when it is mentioned (or one of its buttons was pressed); in personal
 * chat it answers everything. The mention text (`<at>FAQ Bot</at>`) is removed before the
 * engine sees the question, as are mentions of other people.
 */
import type { Activity } from 'botbuilder';
import type { PendingFollowUp } from '../../../dialogs/follow-up';
import { answeredFollowUp, askedQuestion } from './ask-action';

export interface TeamsMessage {
  readonly addressed: boolean;
  readonly text: string;
  /** The bot's question a pressed card button answers. */
  readonly followUp?: PendingFollowUp;
}

interface MentionEntity {
  readonly type?: unknown;
  readonly text?: unknown;
  readonly mentioned?: { readonly id?: unknown };
}

const GROUP_CONVERSATIONS = new Set(['channel', 'groupChat']);
const MENTION_TAG = /<at\b[^>]*>.*?<\/at>/gis;
const HTML_ENTITIES: Record<string, string> = {
  '&nbsp;': ' ',
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};

function mentionsOf(activity: Partial<Activity>, id: string | undefined): MentionEntity[] {
  if (!id || !Array.isArray(activity.entities)) return [];
  return (activity.entities as MentionEntity[]).filter(
    (entity) => entity?.type === 'mention' && entity.mentioned?.id === id,
  );
}

export function readTeamsMessage(activity: Partial<Activity>): TeamsMessage {
  const answered = answeredFollowUp(activity.value);
  if (answered) {
    const text = answered.choice ?? (typeof activity.text === 'string' ? activity.text : '');
    return { addressed: true, text: text.trim(), followUp: answered.followUp };
  }
  const question = askedQuestion(activity.value);
  if (question !== undefined) return { addressed: true, text: question };

  const botMentions = mentionsOf(activity, activity.recipient?.id);
  let text = typeof activity.text === 'string' ? activity.text : '';
  for (const mention of botMentions) {
    if (typeof mention.text === 'string' && mention.text) text = text.split(mention.text).join(' ');
  }
  text = text
    .replace(MENTION_TAG, ' ')
    .replace(/&(?:nbsp|amp|lt|gt|quot|#39);/g, (entity) => HTML_ENTITIES[entity] ?? entity)
    .trim();

  const inGroup = GROUP_CONVERSATIONS.has(activity.conversation?.conversationType ?? '');
  return { addressed: !inGroup || botMentions.length > 0, text };
}
