/**
 * The Bot Framework bot. Messages go through the main dialog (dialogs/), whose state is kept in
 * the conversation storage; when that storage cannot be reached, the message is still answered,
 * on its own, and the failure is logged. New members get the welcome message.
 * A channel that renders natively (Teams: mentions, commands, Adaptive Cards) registers a
 * ChannelHandler, which then takes over that channel's messages and welcomes.
 */
import {
  type BotTelemetryClient,
  ConversationState,
  MemoryStorage,
  type StatePropertyAccessor,
  type Storage,
  TeamsActivityHandler,
  type TurnContext,
} from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import { askAndRecord, type FaqServices, messageText } from '../../dialogs/faq-services';
import { MainDialog } from '../../dialogs/main-dialog';
import type { Analytics } from '../analytics/analytics-event';
import type { Logger } from '../logger';
import type { FaqEngine, FaqReply, KnowledgeBase } from '../nlu';
import { replyActivity } from './reply-activity';
import { logStateNotSaved, logStateUnavailable } from './state-notices';

/** The question sent when the welcome message is due (answered with the greeting). */
const WELCOME_QUESTION = 'こんにちは';

/** Channel-specific turns for one Bot Framework channel id, e.g. `msteams`. */
export interface ChannelHandler {
  readonly channelId: string;
  onMessage(context: TurnContext, ask: (text: string) => FaqReply): Promise<void>;
  onMembersAdded(context: TurnContext): Promise<void>;
}

export interface FaqBotOptions {
  readonly engine: FaqEngine;
  readonly knowledgeBase: KnowledgeBase;
  readonly analytics: Analytics;
  readonly logger: Logger;
  readonly channels?: readonly ChannelHandler[];
  /** Conversation state; MemoryStorage unless the settings ask for Azure Blob storage. */
  readonly storage?: Storage;
  /** Application Insights, when configured: the dialogs report their steps to it. */
  readonly telemetryClient?: BotTelemetryClient;
}

export class FaqBot extends TeamsActivityHandler {
  private readonly channels: ReadonlyMap<string, ChannelHandler>;
  private readonly conversationState: ConversationState;
  private readonly dialog: MainDialog;
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly services: FaqServices;

  constructor(private readonly options: FaqBotOptions) {
    super();
    const { engine, knowledgeBase, analytics } = options;
    this.channels = new Map((options.channels ?? []).map((channel) => [channel.channelId, channel]));
    this.conversationState = new ConversationState(options.storage ?? new MemoryStorage());
    this.services = { engine, knowledgeBase, analytics };
    this.dialog = new MainDialog(this.services);
    this.dialogState = this.conversationState.createProperty<DialogState>('dialogState');
    if (options.telemetryClient) this.dialog.telemetryClient = options.telemetryClient;

    this.onMessage(async (context, next) => {
      const channel = this.channels.get(context.activity.channelId);
      if (channel) {
        await channel.onMessage(context, (text) => askAndRecord(this.services, context, text));
      } else {
        await this.converse(context);
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
        if (newcomers.length > 0) await context.sendActivity(replyActivity(engine.ask(WELCOME_QUESTION)));
      }
      await next();
    });
  }

  /** One message of a conversation: through the dialogs when the state can be read. */
  private async converse(context: TurnContext): Promise<void> {
    const { logger } = this.options;
    try {
      await this.conversationState.load(context);
    } catch (error) {
      logStateUnavailable(logger, context.activity, error);
      const reply = askAndRecord(this.services, context, messageText(context.activity));
      await context.sendActivity(replyActivity(reply));
      return;
    }
    await this.dialog.run(context, this.dialogState);
    try {
      await this.conversationState.saveChanges(context);
    } catch (error) {
      logStateNotSaved(logger, context.activity, error);
    }
  }
}
