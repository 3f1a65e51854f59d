/**
 * A small least-recently-used cache of replies by message text. FAQ traffic repeats itself
 * (the same questions, and every button press sends the same text), so most turns skip the
 * tokenizer. Replies are immutable, so a cached one can be shared.
 */
export class ReplyCache<T> {
  private readonly entries = new Map<string, T>();

  constructor(readonly capacity: number) {}

  get(key: string): T | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: T): void {
    if (this.capacity <= 0) return;
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
