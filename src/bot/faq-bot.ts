/**
 * The Bot Framework bot. A message is read by its channel, answered by the conversation
 * (dialogs/) against the one record the conversation keeps (read once; written, before the
 * reply is sent, only when it changed), and rendered once by its channel. When the conversation
 * storage cannot be reached, the message is answered on its own, without a follow-up question,
 * and the failure is logged. New members get the welcome message (or the channel's own). A
 * search from the channel's own search box (Teams' message extension) is answered in the invoke
 * response, without the conversation's record: the engine lists the matching answers.
 */
import {
  type MessagingExtensionQuery,
  type MessagingExtensionResponse,
  TeamsActivityHandler,
  type TurnContext,
} from 'botbuilder';
import { type Conversation, createConversation } from '../../dialogs/conversation';
import { NEW_CONVERSATION } from '../../dialogs/follow-up';
import type { Analytics } from '../analytics/analytics-event';
import type { Logger } from '../logger';
import type { FaqEngine, KnowledgeBase } from '../nlu';
import type { ConversationRecords, StoredConversation } from '../state/conversation-records';
import { MemoryConversationRecords } from '../state/memory-conversation-records';
import { type Channel, type ChannelMessage, DEFAULT_CHANNEL } from './channel';
import { logStateNotSaved, logStateUnavailable } from './state-notices';

export interface FaqBotOptions {
  readonly engine: FaqEngine;
  readonly knowledgeBase: KnowledgeBase;
  readonly analytics: Analytics;
  readonly logger: Logger;
  /** Channels with their own reading and rendering (Teams, LINE); others get Web Chat's. */
  readonly channels?: readonly Channel[];
  /** Where conversations are kept; this process's bounded memory unless given (the settings may ask for Azure Blob storage). */
  readonly records?: ConversationRecords;
}

export class FaqBot extends TeamsActivityHandler {
  private readonly channels: ReadonlyMap<string, Channel>;
  private readonly conversation: Conversation;
  private readonly records: ConversationRecords;

  constructor(private readonly options: FaqBotOptions) {
    super();
    const { engine, knowledgeBase, analytics, logger } = options;
    this.channels = new Map((options.channels ?? []).map((channel) => [channel.channelId, channel]));
    this.conversation = createConversation({ engine, knowledgeBase, analytics });
    this.records = options.records ?? new MemoryConversationRecords({ logger });

    this.onMessage(async (context, next) => {
      const channel = this.channelOf(context);
      const input = channel.read(context.activity);
      if (input.kind === 'own') await context.sendActivities([...input.activities]);
      if (input.kind === 'message') await this.answer(context, channel, input);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const channel = this.channelOf(context);
      const { membersAdded = [], recipient } = context.activity;
      const own = channel.welcome?.(context.activity);
      const welcome =
        own ??
        (membersAdded.some((member) => member.id !== recipient?.id)
          ? channel.render(this.conversation.welcome())
          : []);
      if (welcome.length) await context.sendActivities([...welcome]);
      await next();
    });
  }

  /** Writes dropped because another instance had changed the conversation. */
  get conflicts(): number {
    return this.records.conflicts;
  }

  /**
   * composeExtension/query. Never throws into the adapter: a failure gets the channel's polite
   * message and is logged without the words searched for (they may hold anything).
   */
  protected override async handleTeamsMessagingExtensionQuery(
    context: TurnContext,
    query: MessagingExtensionQuery,
  ): Promise<MessagingExtensionResponse> {
    const { search } = this.channelOf(context);
    if (!search) return super.handleTeamsMessagingExtensionQuery(context, query);
    try {
      return search.render(this.options.engine.search(search.read(query)));
    } catch (error) {
      this.options.logger.error('Search failed', {
        channel: context.activity.channelId,
        errorName: error instanceof Error ? error.name : typeof error,
        // Where it failed (a stack frame holds no user text); the message might quote the words.
        at: error instanceof Error ? error.stack?.split('\n')[1]?.trim() : undefined,
      });
      return search.failed;
    }
  }

  private channelOf(context: TurnContext): Channel {
    return this.channels.get(context.activity.channelId) ?? DEFAULT_CHANNEL;
  }

  /** One message: the record read once, the conversation's reply, the record saved if changed, the reply sent. */
  private async answer(context: TurnContext, channel: Channel, input: ChannelMessage): Promise<void> {
    const stored = await this.read(context);
    const remembered = stored?.state ?? NEW_CONVERSATION;
    // A pressed card button brings back the question it answers, whatever the record says now.
    const state = input.followUp ? { ...remembered, pending: input.followUp } : remembered;
    const turn = this.conversation.respond(input.text, state, {
      channel: context.activity.channelId,
      offersCardCompany: channel.offersCardCompany,
      canAsk: stored !== undefined,
    });
    if (stored) await this.save(context, stored, turn.state);
    await context.sendActivities(channel.render(turn.messages));
  }

  private async read(context: TurnContext): Promise<StoredConversation | undefined> {
    try {
      const stored = await this.records.read(context.activity);
      // Without a conversation id there is no record of its own to keep: answered on its own.
      if (!stored) logStateUnavailable(this.options.logger, context.activity, undefined);
      return stored;
    } catch (error) {
      logStateUnavailable(this.options.logger, context.activity, error);
      return undefined;
    }
  }

  private async save(context: TurnContext, stored: StoredConversation, next: typeof stored.state) {
    try {
      await this.records.save(stored, next);
    } catch (error) {
      logStateNotSaved(this.options.logger, context.activity, error);
    }
  }
}
