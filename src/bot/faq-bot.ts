/**
 * The Bot Framework bot: each message goes to the FAQ engine and its reply goes back as one
 * activity; new members get the welcome message. No understanding happens here.
 * A channel that renders natively (Teams: mentions, commands, Adaptive Cards) registers a
 * ChannelHandler, which then takes over that channel's messages and welcomes.
 */
import { TeamsActivityHandler, type TurnContext } from 'botbuilder';
import type { FaqEngine, FaqReply } from '../nlu';
import { replyActivity } from './reply-activity';

/** The question sent when the welcome message is due (answered with the greeting). */
const WELCOME_QUESTION = 'こんにちは';

/** Channel-specific turns for one Bot Framework channel id, e.g. `msteams`. */
export interface ChannelHandler {
  readonly channelId: string;
  onMessage(context: TurnContext, ask: (text: string) => FaqReply): Promise<void>;
  onMembersAdded(context: TurnContext): Promise<void>;
}

export class FaqBot extends TeamsActivityHandler {
  private readonly channels: ReadonlyMap<string, ChannelHandler>;

  constructor(
    private readonly engine: FaqEngine,
    channels: readonly ChannelHandler[] = [],
  ) {
    super();
    this.channels = new Map(channels.map((channel) => [channel.channelId, channel]));
    const ask = function askEngine(text: string): FaqReply {
      return engine.ask(text);
    };

    this.onMessage(async (context, next) => {
      const channel = this.channels.get(context.activity.channelId);
      if (channel) {
        await channel.onMessage(context, ask);
      } else {
        const { text } = context.activity;
        await this.answer(context, typeof text === 'string' ? text : '');
      }
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const channel = this.channels.get(context.activity.channelId);
      if (channel) {
        await channel.onMembersAdded(context);
      } else {
        const newcomers = (context.activity.membersAdded ?? []).filter(
          (member) => member.id !== context.activity.recipient?.id,
        );
        if (newcomers.length > 0) await this.answer(context, WELCOME_QUESTION);
      }
      await next();
    });
  }

  private async answer(context: TurnContext, text: string): Promise<void> {
    await context.sendActivity(replyActivity(this.engine.ask(text)));
  }
}
