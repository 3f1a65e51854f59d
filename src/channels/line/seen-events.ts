/**
 * The webhook event ids seen recently, so that an event LINE redelivers is answered at most
 * once. Bounded in count and age; in memory, so it covers one process only (several
 * instances behind a load balancer would need a shared store).
 */

export interface SeenEventsOptions {
  /** Ids remembered at most; the oldest is forgotten first. */
  readonly maxIds: number;
  /** How long an id is remembered, in milliseconds. */
  readonly ttlMs: number;
  readonly now: () => number;
}

export const DEFAULT_SEEN_EVENTS_OPTIONS: SeenEventsOptions = Object.freeze({
  maxIds: 10_000,
  ttlMs: 24 * 60 * 60 * 1000,
  now: Date.now,
});

export interface SeenEvents {
  /** Remembers `id` and says whether it was already remembered. */
  checkAndRemember(id: string): boolean;
  readonly size: number;
}

export function createSeenEvents(options: Partial<SeenEventsOptions> = {}): SeenEvents {
  const { maxIds, ttlMs, now } = { ...DEFAULT_SEEN_EVENTS_OPTIONS, ...options };
  /** Id → when it was first seen; Map keeps insertion order, so the oldest comes first. */
  const seenAt = new Map<string, number>();

  function forgetOld(time: number): void {
    for (const [id, at] of seenAt) {
      if (time - at < ttlMs && seenAt.size <= maxIds) break;
      seenAt.delete(id);
    }
  }

  return {
    checkAndRemember(id: string): boolean {
      const time = now();
      forgetOld(time);
      if (seenAt.has(id)) return true;
      seenAt.set(id, time);
      forgetOld(time);
      return false;
    },
    get size() {
      return seenAt.size;
    },
  };
}
