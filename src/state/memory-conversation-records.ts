/**
 * Conversation records in this process's memory (the default, STORAGE=memory), bounded: a
 * conversation idle for longer than `idleMs` is forgotten, and beyond `maxConversations` the least
 * recently used goes first, so memory stays flat however many conversations come (botbuilder's
 * MemoryStorage keeps every one for good).
 *
 * A record is a few numbers per slot in typed arrays: which question is open, about which intent
 * (or the two intents a clarification offers), whether the company's page was offered, when it was
 * last used, its version. Only a clarification keeps text (the company it named and the masked
 * wording), in RecordSlots beside the key. Nothing is turned into JSON and back, no object is kept
 * per conversation (see RecordSlots for why that matters on busy traffic), and a state is read back
 * as one of a few shared frozen values.
 *
 * A save carries the version its record was read at, as a Blob write carries its ETag: when another
 * turn of the same conversation saved in between (two messages of one conversation at once), the
 * later save is refused and counted, as in Blob storage.
 */
import type { Activity } from 'botbuilder';
import {
  type ConversationState,
  NEW_CONVERSATION,
  type PendingFollowUp,
  sameState,
} from '../../dialogs/follow-up';
import type { Logger } from '../logger';
import { ALL_INTENTS, type FaqIntent, type IntentId } from '../nlu';
import {
  type ConversationRecords,
  conversationKey,
  DEFAULT_MEMORY_LIMITS,
  logConflict,
  type MemoryLimits,
  type SaveOutcome,
  type StoredConversation,
} from './conversation-records';
import { RecordSlots } from './record-slots';

export interface MemoryRecordOptions {
  readonly logger: Logger;
  readonly limits?: MemoryLimits;
  readonly now?: () => number;
}

/** The open question's kind as kept in a slot; 0 is none. */
const KINDS = ['clarify', 'cardCompanyOffer', 'cardCompanyChoice', 'feedback'] as const;
const NO_KIND = 0;
const CLARIFY = 1;

const intentNumber = new Map<IntentId, number>(ALL_INTENTS.map((intent, i) => [intent, i]));

function numberOf(intent: IntentId): number {
  return intentNumber.get(intent)!;
}

export class MemoryConversationRecords implements ConversationRecords {
  private readonly limits: MemoryLimits;
  private readonly now: () => number;
  private readonly logger: Logger;
  private readonly slots: RecordSlots;
  /** Per slot: the open question (0: none, else 1 + its index in KINDS), its intent or a clarification's two. */
  private readonly kind: Uint8Array;
  private readonly intent: Uint8Array;
  private readonly otherIntent: Uint8Array;
  private readonly companyOffered: Uint8Array;
  /** A clarification's company id: its length at the start of the slot's text, -1 for none. */
  private readonly issuerLength: Int16Array;
  /** Per slot: when last read or saved, its version, and its neighbours in the order of use (-1: none). */
  private readonly touched: Float64Array;
  private readonly versions: Float64Array;
  private readonly older: Int32Array;
  private readonly newer: Int32Array;
  private oldest = -1;
  private newest = -1;
  private version = 0;
  /** States without text, made once: [kind][intent][companyOffered]. */
  private readonly sharedStates = new Map<number, ConversationState>();
  conflicts = 0;

  constructor(options: MemoryRecordOptions) {
    this.logger = options.logger;
    this.limits = options.limits ?? DEFAULT_MEMORY_LIMITS;
    this.now = options.now ?? Date.now;
    const capacity = this.limits.maxConversations;
    this.slots = new RecordSlots(capacity);
    this.kind = new Uint8Array(capacity);
    this.intent = new Uint8Array(capacity);
    this.otherIntent = new Uint8Array(capacity);
    this.companyOffered = new Uint8Array(capacity);
    this.issuerLength = new Int16Array(capacity);
    this.touched = new Float64Array(capacity);
    this.versions = new Float64Array(capacity);
    this.older = new Int32Array(capacity);
    this.newer = new Int32Array(capacity);
  }

  /** Conversations held now (idle ones not yet swept included). */
  get size(): number {
    return this.slots.size;
  }

  async state(): Promise<'memory'> {
    return 'memory';
  }

  async read(activity: Partial<Activity>): Promise<StoredConversation | undefined> {
    const conversationId = activity.conversation?.id;
    if (!conversationId) return undefined;
    const key = conversationKey(activity, conversationId);
    const slot = this.use(key, this.now());
    if (slot < 0) return { key, state: NEW_CONVERSATION, version: undefined };
    return { key, state: this.stateIn(slot), version: this.versions[slot] };
  }

  async save(stored: StoredConversation, next: ConversationState): Promise<SaveOutcome> {
    if (sameState(stored.state, next)) return 'unchanged';
    const now = this.now();
    let slot = this.use(stored.key, now);
    const stale =
      stored.version === undefined ? slot >= 0 : slot < 0 || this.versions[slot] !== stored.version;
    if (stale) {
      this.conflicts += 1;
      logConflict(this.logger, stored.key, this.conflicts);
      return 'conflict';
    }
    const text = next.pending?.kind === 'clarify' ? (next.pending.issuer ?? '') + next.pending.wording : '';
    if (slot >= 0) {
      this.slots.set(slot, stored.key, text);
    } else {
      // Beyond the cap, the least recently used goes first.
      if (this.slots.full) this.remove(this.oldest);
      slot = this.slots.add(stored.key, text);
      this.touched[slot] = now;
      this.append(slot);
    }
    this.keep(slot, next);
    this.versions[slot] = ++this.version;
    this.sweep(now);
    return 'saved';
  }

  private keep(slot: number, { pending, companyOffered }: ConversationState): void {
    this.companyOffered[slot] = companyOffered ? 1 : 0;
    this.kind[slot] = pending ? KINDS.indexOf(pending.kind) + 1 : NO_KIND;
    if (!pending) return;
    if (pending.kind === 'clarify') {
      this.intent[slot] = numberOf(pending.choices[0]!);
      this.otherIntent[slot] = numberOf(pending.choices[1]!);
      this.issuerLength[slot] = pending.issuer === null ? -1 : pending.issuer.length;
    } else {
      this.intent[slot] = numberOf(pending.intent);
    }
  }

  private stateIn(slot: number): ConversationState {
    const kind = this.kind[slot]!;
    const companyOffered = this.companyOffered[slot] === 1;
    if (kind === CLARIFY) {
      const text = this.slots.text(slot);
      const issuerLength = this.issuerLength[slot]!;
      const pending: PendingFollowUp = {
        kind: 'clarify',
        choices: [ALL_INTENTS[this.intent[slot]!]!, ALL_INTENTS[this.otherIntent[slot]!]!],
        issuer: issuerLength < 0 ? null : text.slice(0, issuerLength),
        wording: text.slice(Math.max(issuerLength, 0)),
      };
      return { pending, companyOffered };
    }
    const id = (kind * ALL_INTENTS.length + this.intent[slot]!) * 2 + (companyOffered ? 1 : 0);
    let state = this.sharedStates.get(id);
    if (!state) {
      const pending =
        kind === NO_KIND
          ? null
          : {
              kind: KINDS[kind - 1] as Exclude<PendingFollowUp['kind'], 'clarify'>,
              intent: ALL_INTENTS[this.intent[slot]!] as FaqIntent,
            };
      state = Object.freeze({ pending: pending && Object.freeze(pending), companyOffered });
      this.sharedStates.set(id, state);
    }
    return state;
  }

  private unlink(slot: number): void {
    const older = this.older[slot]!;
    const newer = this.newer[slot]!;
    if (older >= 0) this.newer[older] = newer;
    else this.oldest = newer;
    if (newer >= 0) this.older[newer] = older;
    else this.newest = older;
  }

  private append(slot: number): void {
    this.older[slot] = this.newest;
    this.newer[slot] = -1;
    if (this.newest >= 0) this.newer[this.newest] = slot;
    else this.oldest = slot;
    this.newest = slot;
  }

  private remove(slot: number): void {
    this.unlink(slot);
    this.slots.remove(slot);
  }

  /** The slot of `key`, made the most recent; -1 when absent or idle too long. */
  private use(key: string, now: number): number {
    const slot = this.slots.find(key);
    if (slot < 0) return -1;
    if (now - this.touched[slot]! > this.limits.idleMs) {
      this.remove(slot);
      return -1;
    }
    this.touched[slot] = now;
    if (slot !== this.newest) {
      this.unlink(slot);
      this.append(slot);
    }
    return slot;
  }

  /** Drops idle conversations from the least recent end. */
  private sweep(now: number): void {
    while (this.oldest >= 0 && now - this.touched[this.oldest]! > this.limits.idleMs)
      this.remove(this.oldest);
  }
}
