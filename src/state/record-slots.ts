/**
 * Keys (and a little text) kept in a fixed number of slots, without a JavaScript object per record:
 * each slot's key and text are UTF-16 code units in one shared Uint16Array, and a hash table of slot
 * numbers (open addressing, linear probing) finds a key's slot. The rest of a record is kept by the
 * owner in typed arrays indexed by slot (MemoryConversationRecords).
 *
 * Why not a Map of objects: the memory records hold up to 10,000 conversations, and on busy
 * traffic each new one replaces the least recent. Objects that live that long are moved to V8's
 * old generation and die there, and that churn slowed every part of every request. Side by side,
 * with the store full and a new conversation per request, the bot with its records kept this way
 * answered 8% more requests a second than with a Map of objects (3,015 against 2,792, medians of 3
 * runs; see CHANGELOG). Typed arrays are allocated once, and the garbage collector never looks
 * inside them.
 *
 * A record whose key and text do not fit a slot keeps them as a string beside it (a clarified
 * question's long wording, an unusually long conversation id): rare, and correct either way.
 */

/** Code units per slot: a key of about 60 and a clarified question's wording of about 150 fit with room to spare. */
export const SLOT_UNITS = 256;

/** 32-bit FNV-1a over the key's UTF-16 code units. */
function hashKey(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

export class RecordSlots {
  /** Slot s holds its key then its text from `units[s * SLOT_UNITS]` on, when they fit. */
  private readonly units: Uint16Array;
  private readonly keyLength: Int32Array;
  private readonly totalLength: Int32Array;
  /** Key and text of a slot whose record does not fit it (undefined otherwise). */
  private readonly spilled: (string | undefined)[];
  private readonly hashes: Int32Array;
  /** Slot number + 1 at each position of the hash table; 0 is an empty position. */
  private readonly table: Int32Array;
  private readonly mask: number;
  /** Slots not in use, as a stack. */
  private readonly free: Int32Array;
  private freeCount: number;

  constructor(readonly capacity: number) {
    this.units = new Uint16Array(capacity * SLOT_UNITS);
    this.keyLength = new Int32Array(capacity);
    this.totalLength = new Int32Array(capacity);
    this.spilled = new Array<string | undefined>(capacity).fill(undefined);
    this.hashes = new Int32Array(capacity);
    // At most half full, so that a probe stops soon.
    let tableSize = 8;
    while (tableSize < capacity * 2) tableSize *= 2;
    this.table = new Int32Array(tableSize);
    this.mask = tableSize - 1;
    this.free = new Int32Array(capacity);
    for (let i = 0; i < capacity; i++) this.free[i] = capacity - 1 - i;
    this.freeCount = capacity;
  }

  /** Slots in use. */
  get size(): number {
    return this.capacity - this.freeCount;
  }

  get full(): boolean {
    return this.freeCount === 0;
  }

  /** The slot holding `key`, or -1. */
  find(key: string): number {
    const hash = hashKey(key);
    for (let position = hash & this.mask; ; position = (position + 1) & this.mask) {
      const entry = this.table[position]!;
      if (entry === 0) return -1;
      const slot = entry - 1;
      if (this.hashes[slot] === hash && this.holdsKey(slot, key)) return slot;
    }
  }

  /** A new slot for `key` (which must not be held yet) with `text`; throws when full. */
  add(key: string, text: string): number {
    if (this.freeCount === 0) throw new Error('No free record slot');
    const slot = this.free[--this.freeCount]!;
    const hash = hashKey(key);
    this.hashes[slot] = hash;
    let position = hash & this.mask;
    while (this.table[position] !== 0) position = (position + 1) & this.mask;
    this.table[position] = slot + 1;
    this.set(slot, key, text);
    return slot;
  }

  /** Replaces the text of `slot`, which holds `key`. */
  set(slot: number, key: string, text: string): void {
    this.keyLength[slot] = key.length;
    this.totalLength[slot] = key.length + text.length;
    if (key.length + text.length > SLOT_UNITS) {
      this.spilled[slot] = key + text;
      return;
    }
    this.spilled[slot] = undefined;
    const start = slot * SLOT_UNITS;
    for (let i = 0; i < key.length; i++) this.units[start + i] = key.charCodeAt(i);
    const textStart = start + key.length;
    for (let i = 0; i < text.length; i++) this.units[textStart + i] = text.charCodeAt(i);
  }

  /** The text held in `slot`, unit for unit as it was set (a lone surrogate included). */
  text(slot: number): string {
    const spilled = this.spilled[slot];
    if (spilled !== undefined) return spilled.slice(this.keyLength[slot]);
    const start = slot * SLOT_UNITS + this.keyLength[slot]!;
    return String.fromCharCode(...this.units.subarray(start, slot * SLOT_UNITS + this.totalLength[slot]!));
  }

  /** Frees `slot`: its key is no longer found. */
  remove(slot: number): void {
    let position = this.hashes[slot]! & this.mask;
    while (this.table[position] !== slot + 1) position = (position + 1) & this.mask;
    this.table[position] = 0;
    // Linear probing has no holes: move back any later entry whose probe started at or before the hole.
    let hole = position;
    for (let next = (hole + 1) & this.mask; this.table[next] !== 0; next = (next + 1) & this.mask) {
      const home = this.hashes[this.table[next]! - 1]! & this.mask;
      const homeInRange = hole <= next ? hole < home && home <= next : hole < home || home <= next;
      if (!homeInRange) {
        this.table[hole] = this.table[next]!;
        this.table[next] = 0;
        hole = next;
      }
    }
    this.spilled[slot] = undefined;
    this.free[this.freeCount++] = slot;
  }

  private holdsKey(slot: number, key: string): boolean {
    if (this.keyLength[slot] !== key.length) return false;
    const spilled = this.spilled[slot];
    if (spilled !== undefined) return spilled.startsWith(key);
    const start = slot * SLOT_UNITS;
    for (let i = 0; i < key.length; i++) {
      if (this.units[start + i] !== key.charCodeAt(i)) return false;
    }
    return true;
  }
}
