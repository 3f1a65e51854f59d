/**
 * A botbuilder adapter for the local Direct Line: a posted activity runs through the bot in
 * process, and what the bot sends is stored in the conversation for Web Chat to fetch.
 */
import { type Activity, BotAdapter, type ResourceResponse, TurnContext } from 'botbuilder';
import type { DirectLineConversation, LocalDirectLine } from './local-direct-line';

export const BOT_ACCOUNT = { id: 'faq-bot', name: 'FAQ', role: 'bot' } as const;

export class DirectLineAdapter extends BotAdapter {
  constructor(
    private readonly directLine: LocalDirectLine,
    private readonly serviceUrl: string,
  ) {
    super();
  }

  /** Runs one turn for an activity of this conversation (already stored, if it is a message). */
  async processActivity(
    conversation: DirectLineConversation,
    activity: Partial<Activity>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    const incoming: Partial<Activity> = {
      ...activity,
      channelId: 'webchat',
      serviceUrl: this.serviceUrl,
      conversation: { id: conversation.id, isGroup: false, conversationType: 'personal', name: '' },
      from: { id: conversation.userId, name: '', role: 'user' },
      recipient: { ...BOT_ACCOUNT },
      locale: activity.locale ?? 'ja-JP',
    };
    const context = new TurnContext(this, incoming);
    await this.runMiddleware(context, logic);
  }

  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const conversation = this.directLine.find(context.activity.conversation?.id);
    return activities.map((activity) => {
      if (!conversation || activity.type === 'delay' || activity.type === 'invokeResponse') {
        return { id: '' };
      }
      return { id: this.directLine.append(conversation, { ...activity, from: { ...BOT_ACCOUNT } }) };
    });
  }

  async updateActivity(): Promise<void> {
    throw new Error('The local Direct Line cannot update sent activities');
  }

  async deleteActivity(): Promise<void> {
    throw new Error('The local Direct Line cannot delete sent activities');
  }

  async continueConversation(): Promise<void> {
    throw new Error('The local Direct Line cannot start proactive turns');
  }
}
