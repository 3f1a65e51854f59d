/**
 * Conversation records in this process's memory, bounded: a conversation idle for longer than
 * `idleMs` is forgotten, and beyond `maxConversations` the least recently used goes first, so
 * memory stays flat however many conversations come (botbuilder's MemoryStorage keeps every
 * one for good). Writes check ETags as Azure Blob storage does: a write with the ETag it read
 * (If-Match), or with none only when the record does not exist yet (If-None-Match: *), or `*`.
 */
import type { Storage, StoreItem, StoreItems } from 'botbuilder';
import { StorageConflictError } from './storage-conflict';

export interface MemoryLimits {
  readonly idleMs: number;
  readonly maxConversations: number;
}

export const DEFAULT_MEMORY_LIMITS: MemoryLimits = Object.freeze({
  idleMs: 30 * 60 * 1000,
  maxConversations: 10_000,
});

interface Entry {
  readonly json: string;
  readonly eTag: string;
  touched: number;
}

export class BoundedMemoryStorage implements Storage {
  /** In order of last use, least recent first (a Map keeps insertion order). */
  private readonly entries = new Map<string, Entry>();
  private version = 0;

  constructor(
    private readonly limits: MemoryLimits = DEFAULT_MEMORY_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Conversations held now (idle ones not yet swept included). */
  get size(): number {
    return this.entries.size;
  }

  /** The entry for `key`, moved to the most recent end; undefined when absent or idle too long. */
  private use(key: string, now: number): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (now - entry.touched > this.limits.idleMs) return undefined;
    entry.touched = now;
    this.entries.set(key, entry);
    return entry;
  }

  /** Drops idle conversations from the least recent end, then the least recent beyond the cap. */
  private sweep(now: number): void {
    for (const [key, entry] of this.entries) {
      if (now - entry.touched <= this.limits.idleMs && this.entries.size <= this.limits.maxConversations)
        break;
      this.entries.delete(key);
    }
  }

  async read(keys: string[]): Promise<StoreItems> {
    const now = this.now();
    const items: StoreItems = {};
    for (const key of keys) {
      const entry = this.use(key, now);
      if (entry) items[key] = { ...(JSON.parse(entry.json) as StoreItem), eTag: entry.eTag };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const now = this.now();
    for (const [key, change] of Object.entries(changes) as [string, StoreItem][]) {
      const { eTag, ...item } = change;
      const current = this.use(key, now);
      const stale = eTag === '*' ? false : eTag ? current?.eTag !== eTag : current !== undefined;
      if (stale) throw new StorageConflictError(key);
      this.entries.delete(key);
      this.entries.set(key, { json: JSON.stringify(item), eTag: `"m${++this.version}"`, touched: now });
    }
    this.sweep(now);
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) this.entries.delete(key);
  }
}
