/**
 * Microsoft Teams: read the message (mention rules), run a staff command or ask the engine,
 * and answer with one Adaptive Card. Introduces itself once when installed.
 */
import { Channels, type ChannelAccount, type TurnContext } from 'botbuilder';
import type { ChannelHandler } from '../../bot/faq-bot';
import type { FaqReply, KnowledgeBase } from '../../nlu';
import { cardActivity } from './adaptive-card';
import { answerCard } from './answer-card';
import { helpCard } from './help-card';
import { matchCommand } from './teams-commands';
import { readTeamsMessage } from './teams-message';
import { topicListCard, topicsOf } from './topic-list-card';

/** How the help card names the bot when Teams does not send the bot's name. */
const FALLBACK_BOT_NAME = 'FAQ Bot';

function botName(context: TurnContext): string {
  return context.activity.recipient?.name || FALLBACK_BOT_NAME;
}

/**
 * Personal chat: whoever Teams reports as added (the bot, the user, or both, depending on the
 * client) means the app was just installed there. Teams and group chats: only when the bot
 * itself joins, not for every new member of the team.
 */
function isIntroductionDue(context: TurnContext): boolean {
  const { membersAdded = [], recipient, conversation } = context.activity;
  if (conversation?.conversationType === 'personal') return membersAdded.length > 0;
  return membersAdded.some((member: ChannelAccount) => member.id === recipient?.id);
}

export function createTeamsChannel(knowledgeBase: KnowledgeBase): ChannelHandler {
  const topics = topicsOf(knowledgeBase);

  return {
    channelId: Channels.Msteams,

    async onMessage(context: TurnContext, ask: (text: string) => FaqReply): Promise<void> {
      const message = readTeamsMessage(context.activity);
      if (!message.addressed) return;
      const command = matchCommand(message.text);
      if (command === 'list') {
        await context.sendActivity(cardActivity(topicListCard(topics), 'FAQの項目一覧'));
      } else if (command === 'help' || message.text === '') {
        await context.sendActivity(cardActivity(helpCard(botName(context)), 'このボットの使い方'));
      } else {
        const reply = ask(message.text);
        await context.sendActivity(cardActivity(answerCard(reply, topics), reply.title));
      }
    },

    async onMembersAdded(context: TurnContext): Promise<void> {
      if (isIntroductionDue(context)) {
        await context.sendActivity(cardActivity(helpCard(botName(context)), 'このボットの使い方'));
      }
    },
  };
}
