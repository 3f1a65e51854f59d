/**
 * Requests per client address per minute (a fixed window that starts with the client's first
 * request). Memory is bounded: windows that have ended are swept, and past `maxClients` the
 * oldest client is forgotten first.
 */
export type Taken = { readonly ok: true } | { readonly ok: false; readonly retryAfterSeconds: number };

const MINUTE = 60_000;

export class ClientRateLimit {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    readonly perMinute: number,
    private readonly now: () => number = Date.now,
    private readonly maxClients = 100_000,
  ) {}

  get size(): number {
    return this.windows.size;
  }

  take(client: string): Taken {
    const time = this.now();
    let window = this.windows.get(client);
    if (window && time - window.start >= MINUTE) {
      this.windows.delete(client);
      window = undefined;
    }
    if (!window) {
      if (this.windows.size >= this.maxClients) this.sweep();
      if (this.windows.size >= this.maxClients) this.windows.delete(this.windows.keys().next().value!);
      window = { start: time, count: 0 };
      this.windows.set(client, window);
    }
    if (window.count >= this.perMinute) {
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((window.start + MINUTE - time) / 1000)) };
    }
    window.count += 1;
    return { ok: true };
  }

  /** Forgets the windows that have ended. */
  sweep(): void {
    const time = this.now();
    for (const [client, window] of this.windows) {
      if (time - window.start >= MINUTE) this.windows.delete(client);
    }
  }
}
