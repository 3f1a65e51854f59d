/**
 * A conversation's record in the conversation storage: read once per message, written only when
 * what the conversation remembers changed (the bot's open question, the company offer made), with
 * the ETag it was read with. When another instance wrote the same conversation in between, the
 * write fails instead of overwriting it: this message's follow-up is the stale one and is dropped
 * (its reply was already worked out against an old question), the other instance's stands, and
 * the log counts it. A record idle for longer than the memory's idle limit is read as a new
 * conversation, wherever it is stored.
 */
import type { Activity, Storage } from 'botbuilder';
import {
  type ConversationState,
  NEW_CONVERSATION,
  readConversationState,
  sameState,
} from '../../dialogs/follow-up';
import type { Logger } from '../logger';
import { DEFAULT_MEMORY_LIMITS } from './bounded-memory-storage';
import { isStorageConflict } from './storage-conflict';
import { oneStoreItem } from './store-items';

export interface StoredConversation {
  readonly key: string;
  readonly state: ConversationState;
  /** The record's ETag; undefined when there is no record yet. */
  readonly eTag: string | undefined;
}

export type SaveOutcome = 'unchanged' | 'saved' | 'conflict';

export interface ConversationRecords {
  /**
   * The conversation's record; undefined for a message with no conversation id, which has no
   * conversation of its own to remember (throws when the storage cannot be reached).
   */
  read(activity: Partial<Activity>): Promise<StoredConversation | undefined>;
  /** Writes `next` if it differs from what was read (throws when the storage cannot be reached). */
  save(stored: StoredConversation, next: ConversationState): Promise<SaveOutcome>;
  /** Writes dropped because another instance had changed the conversation (since start). */
  readonly conflicts: number;
}

export interface RecordOptions {
  readonly logger: Logger;
  readonly idleMs?: number;
  readonly now?: () => number;
}

/**
 * One record per conversation of a channel; in a group chat (a LINE group, a Teams channel), one
 * per member, so that one person's 「はい」 never answers the question the bot asked another.
 */
function conversationKey(activity: Partial<Activity>, conversationId: string): string {
  const key = `${activity.channelId ?? 'unknown-channel'}/follow-up/${conversationId}`;
  const member = activity.conversation?.isGroup ? activity.from?.id : undefined;
  return member ? `${key}/${member}` : key;
}

export function createConversationRecords(storage: Storage, options: RecordOptions): ConversationRecords {
  const { logger, idleMs = DEFAULT_MEMORY_LIMITS.idleMs, now = Date.now } = options;
  let conflicts = 0;

  return {
    get conflicts() {
      return conflicts;
    },

    async read(activity) {
      const conversationId = activity.conversation?.id;
      if (!conversationId) return undefined;
      const key = conversationKey(activity, conversationId);
      const item = (await storage.read([key]))[key];
      if (!item) return { key, state: NEW_CONVERSATION, eTag: undefined };
      const eTag = typeof item.eTag === 'string' ? item.eTag : undefined;
      const at = typeof item.at === 'number' ? item.at : 0;
      const state = now() - at > idleMs ? NEW_CONVERSATION : readConversationState(item);
      return { key, state, eTag };
    },

    async save({ key, state, eTag }, next) {
      if (sameState(state, next)) return 'unchanged';
      const record = { pending: next.pending, companyOffered: next.companyOffered, at: now(), eTag };
      try {
        await storage.write(oneStoreItem(key, record));
        return 'saved';
      } catch (error) {
        if (!isStorageConflict(error)) throw error;
        conflicts += 1;
        logger.warn('Conversation changed on another instance; the follow-up of this message is dropped', {
          channel: key.slice(0, key.indexOf('/')),
          conflicts,
        });
        return 'conflict';
      }
    },
  };
}
