/**
 * A Bot Framework adapter for LINE: one activity in, the bot's turn, and the activities the bot
 * sent out, collected so that they go back as one reply (a reply token works once). LINE has
 * no way to edit, delete or start a conversation by reply token, so those are refused.
 */
import { type Activity, BotAdapter, type ResourceResponse, TurnContext } from 'botbuilder';
import { describeError, type Logger } from '../../logger';

export class LineAdapterError extends Error {
  constructor(operation: string, reason = 'a LINE reply can only send new messages') {
    super(`Error at LineAdapter.${operation}: ${reason}`);
    this.name = 'LineAdapterError';
  }
}

/** Where a turn's outgoing activities are collected, in the turn's own state. */
const OUTBOX = Symbol('line outbox');

export type TurnLogic = (context: TurnContext) => Promise<void>;

export class LineAdapter extends BotAdapter {
  /** `apology` is what the user gets when the bot fails inside a turn (the knowledge base's error reply). */
  constructor(logger: Logger, apology: string) {
    super();
    this.onTurnError = async function apologize(context, error) {
      logger.error('Turn failed', {
        ...describeError(error),
        channel: context.activity.channelId,
        activityType: context.activity.type,
      });
      await context.sendActivity({ type: 'message', text: apology, locale: 'ja-JP' });
    };
  }

  /** Runs one turn of the bot and returns what it sent. */
  async runTurn(activity: Partial<Activity>, logic: TurnLogic): Promise<Partial<Activity>[]> {
    const context = new TurnContext(this, activity);
    const outbox: Partial<Activity>[] = [];
    context.turnState.set(OUTBOX, outbox);
    await this.runMiddleware(context, logic);
    return outbox;
  }

  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const outbox = context.turnState.get(OUTBOX) as Partial<Activity>[] | undefined;
    if (!outbox) throw new LineAdapterError('sendActivities', 'called outside runTurn');
    const first = outbox.length;
    outbox.push(...activities);
    return activities.map((_activity, index) => ({
      id: `${context.activity.id ?? 'line'}-${first + index}`,
    }));
  }

  async updateActivity(): Promise<void> {
    throw new LineAdapterError('updateActivity');
  }

  async deleteActivity(): Promise<void> {
    throw new LineAdapterError('deleteActivity');
  }

  async continueConversation(): Promise<void> {
    throw new LineAdapterError('continueConversation');
  }
}
