/**
 * The Bot Framework bot: each message goes to the FAQ engine and its reply goes back as one
 * activity; new members get the welcome message. No understanding happens here.
 */
import { ActivityHandler, type TurnContext } from 'botbuilder';
import type { FaqEngine } from '../nlu';
import { replyActivity } from './reply-activity';

/** The question sent when the welcome message is due (answered with the greeting). */
const WELCOME_QUESTION = 'こんにちは';

export class FaqBot extends ActivityHandler {
  constructor(private readonly engine: FaqEngine) {
    super();
    this.onMessage(async (context, next) => {
      const { text } = context.activity;
      await this.answer(context, typeof text === 'string' ? text : '');
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const newcomers = (context.activity.membersAdded ?? []).filter(
        (member) => member.id !== context.activity.recipient?.id,
      );
      if (newcomers.length > 0) await this.answer(context, WELCOME_QUESTION);
      await next();
    });
  }

  private async answer(context: TurnContext, text: string): Promise<void> {
    await context.sendActivity(replyActivity(this.engine.ask(text)));
  }
}
