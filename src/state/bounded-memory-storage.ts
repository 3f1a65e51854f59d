/**
 * Conversation records in this process's memory, bounded: a conversation idle for longer than
 * `idleMs` is forgotten, and beyond `maxConversations` the least recently used goes first, so
 * memory stays flat however many conversations come (botbuilder's MemoryStorage keeps every
 * one for good). Writes check ETags as Azure Blob storage does: a write with the ETag it read
 * (If-Match), or with none only when the record does not exist yet (If-None-Match: *), or `*`.
 */
import type { Storage, StoreItem, StoreItems } from 'botbuilder';
import { RecordSlots } from './record-slots';
import { StorageConflictError } from './storage-conflict';
import { emptyStoreItems } from './store-items';

export interface MemoryLimits {
  readonly idleMs: number;
  readonly maxConversations: number;
}

export const DEFAULT_MEMORY_LIMITS: MemoryLimits = Object.freeze({
  idleMs: 30 * 60 * 1000,
  maxConversations: 10_000,
});

/**
 * The records themselves are in RecordSlots (no object per conversation, see there); the order of
 * use is a doubly linked list of slot numbers in two typed arrays, so that dropping the least
 * recent is O(1).
 */
export class BoundedMemoryStorage implements Storage {
  private readonly slots: RecordSlots;
  /** Per slot: when last read or written, its ETag's number, and its neighbours in the order of use (-1: none). */
  private readonly touched: Float64Array;
  private readonly versions: Float64Array;
  private readonly older: Int32Array;
  private readonly newer: Int32Array;
  private oldest = -1;
  private newest = -1;
  private version = 0;

  constructor(
    private readonly limits: MemoryLimits = DEFAULT_MEMORY_LIMITS,
    private readonly now: () => number = Date.now,
  ) {
    this.slots = new RecordSlots(limits.maxConversations);
    this.touched = new Float64Array(limits.maxConversations);
    this.versions = new Float64Array(limits.maxConversations);
    this.older = new Int32Array(limits.maxConversations);
    this.newer = new Int32Array(limits.maxConversations);
  }

  /** Conversations held now (idle ones not yet swept included). */
  get size(): number {
    return this.slots.size;
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

  private eTag(slot: number): string {
    return `"m${this.versions[slot]}"`;
  }

  /** Drops idle conversations from the least recent end. */
  private sweep(now: number): void {
    while (this.oldest >= 0 && now - this.touched[this.oldest]! > this.limits.idleMs)
      this.remove(this.oldest);
  }

  async read(keys: string[]): Promise<StoreItems> {
    const now = this.now();
    const items = emptyStoreItems();
    for (const key of keys) {
      const slot = this.use(key, now);
      if (slot >= 0)
        items[key] = { ...(JSON.parse(this.slots.text(slot)) as StoreItem), eTag: this.eTag(slot) };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const now = this.now();
    for (const [key, change] of Object.entries(changes) as [string, StoreItem][]) {
      const { eTag, ...item } = change;
      let slot = this.use(key, now);
      const stale = eTag === '*' ? false : eTag ? slot < 0 || this.eTag(slot) !== eTag : slot >= 0;
      if (stale) throw new StorageConflictError(key);
      const json = JSON.stringify(item);
      if (slot >= 0) {
        this.slots.set(slot, key, json);
      } else {
        // Beyond the cap, the least recently used goes first.
        if (this.slots.full) this.remove(this.oldest);
        slot = this.slots.add(key, json);
        this.touched[slot] = now;
        this.append(slot);
      }
      this.versions[slot] = ++this.version;
    }
    this.sweep(now);
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) {
      const slot = this.slots.find(key);
      if (slot >= 0) this.remove(slot);
    }
  }
}
