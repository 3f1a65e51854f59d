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
import { isStorageConflict } from './storage-conflict';

/** How long a conversation is remembered, and (in memory) how many at most. */
export interface MemoryLimits {
  readonly idleMs: number;
  readonly maxConversations: number;
}

export const DEFAULT_MEMORY_LIMITS: MemoryLimits = Object.freeze({
  idleMs: 30 * 60 * 1000,
  maxConversations: 10_000,
});

/** memory: this process; reachable / unreachable: the shared store answered its last call or not. */
export type StorageState = 'memory' | 'reachable' | 'unreachable';

/** A shared store that can say whether it works now: its latest call if recent, otherwise a call made to find out. */
export interface CheckedStorage extends Storage {
  check(): Promise<Exclude<StorageState, 'memory'>>;
}
import { oneStoreItem } from './store-items';

export interface StoredConversation {
  readonly key: string;
  readonly state: ConversationState;
  /** What the record was read at (its ETag in Blob storage, its version in memory); undefined when there is no record yet. */
  readonly version: string | number | undefined;
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
  /** For /healthz: whether conversations can be kept now. */
  state(): Promise<StorageState>;
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
export function conversationKey(activity: Partial<Activity>, conversationId: string): string {
  const key = `${activity.channelId ?? 'unknown-channel'}/follow-up/${conversationId}`;
  const member = activity.conversation?.isGroup ? activity.from?.id : undefined;
  return member ? `${key}/${member}` : key;
}

/** The warning for a save refused because the conversation changed in between. */
export function logConflict(logger: Logger, key: string, conflicts: number): void {
  logger.warn('Conversation changed on another instance; the follow-up of this message is dropped', {
    channel: key.slice(0, key.indexOf('/')),
    conflicts,
  });
}

/** Records kept in a botbuilder Storage (the shared Blob container), one item per conversation. */
export function recordsInStorage(
  storage: Storage | CheckedStorage,
  options: RecordOptions,
): ConversationRecords {
  const { logger, idleMs = DEFAULT_MEMORY_LIMITS.idleMs, now = Date.now } = options;
  let conflicts = 0;

  return {
    get conflicts() {
      return conflicts;
    },

    // A store that cannot tell (a test's) is taken as answering.
    state: () => ('check' in storage ? storage.check() : Promise.resolve('reachable')),

    async read(activity) {
      const conversationId = activity.conversation?.id;
      if (!conversationId) return undefined;
      const key = conversationKey(activity, conversationId);
      const item = (await storage.read([key]))[key];
      if (!item) return { key, state: NEW_CONVERSATION, version: undefined };
      const eTag = typeof item.eTag === 'string' ? item.eTag : undefined;
      const at = typeof item.at === 'number' ? item.at : 0;
      const state = now() - at > idleMs ? NEW_CONVERSATION : readConversationState(item);
      return { key, state, version: eTag };
    },

    async save({ key, state, version }, next) {
      if (sameState(state, next)) return 'unchanged';
      const eTag = typeof version === 'string' ? version : undefined;
      const record = { pending: next.pending, companyOffered: next.companyOffered, at: now(), eTag };
      try {
        await storage.write(oneStoreItem(key, record));
        return 'saved';
      } catch (error) {
        if (!isStorageConflict(error)) throw error;
        conflicts += 1;
        logConflict(logger, key, conflicts);
        return 'conflict';
      }
    },
  };
}
