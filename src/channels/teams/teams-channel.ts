/**
 * Microsoft Teams: read the message (mention rules, a pressed card button, staff commands) and
 * answer with Adaptive Cards. Staff get the clarification and the feedback question as card
 * buttons, but not the offer of a card company's page. Introduces itself once when installed.
 * Its search box is the message extension (search-extension.ts).
 */
import { type Activity, type ChannelAccount, Channels } from 'botbuilder';
import type { Channel, ChannelInput } from '../../bot/channel';
import type { KnowledgeBase } from '../../nlu';
import { cardActivity } from './adaptive-card';
import { helpCard } from './help-card';
import { matchCommand } from './teams-commands';
import { createSearchExtension } from './search-extension';
import { readTeamsMessage } from './teams-message';
import { renderForTeams } from './teams-render';
import { topicListCard, topicsOf } from './topic-list-card';

/** How the help card names the bot when Teams does not send the bot's name. */
const FALLBACK_BOT_NAME = 'FAQ Bot';

function botName(activity: Partial<Activity>): string {
  return activity.recipient?.name || FALLBACK_BOT_NAME;
}

function helpActivity(activity: Partial<Activity>): Partial<Activity> {
  return cardActivity(helpCard(botName(activity)), 'このボットの使い方');
}

/**
 * Personal chat: whoever Teams reports as added (the bot, the user, or both, depending on the
 * client) means the app was just installed there. Teams and group chats: only when the bot
 * itself joins, not for every new member of the team.
 */
function isIntroductionDue(activity: Partial<Activity>): boolean {
  const { membersAdded = [], recipient, conversation } = activity;
  if (conversation?.conversationType === 'personal') return membersAdded.length > 0;
  return membersAdded.some((member: ChannelAccount) => member.id === recipient?.id);
}

export function createTeamsChannel(knowledgeBase: KnowledgeBase): Channel {
  const topics = topicsOf(knowledgeBase);

  return {
    channelId: Channels.Msteams,
    offersCardCompany: false,

    read(activity): ChannelInput {
      const message = readTeamsMessage(activity);
      if (!message.addressed) return { kind: 'ignore' };
      if (message.followUp) return { kind: 'message', text: message.text, followUp: message.followUp };
      const command = matchCommand(message.text);
      if (command === 'list') {
        return { kind: 'own', activities: [cardActivity(topicListCard(topics), 'FAQの項目一覧')] };
      }
      if (command === 'help' || message.text === '')
        return { kind: 'own', activities: [helpActivity(activity)] };
      return { kind: 'message', text: message.text };
    },

    render: (messages) => renderForTeams(messages, topics),

    welcome: (activity) => (isIntroductionDue(activity) ? [helpActivity(activity)] : []),

    search: createSearchExtension(topics),
  };
}
