import { createSeenEvents, DEFAULT_SEEN_EVENTS_OPTIONS } from '../../../src/channels/line/seen-events';

describe('the ids of events already received', () => {
  it('says an id is new the first time and known after that', () => {
    const seen = createSeenEvents();
    expect(seen.checkAndRemember('01A')).toBe(false);
    expect(seen.checkAndRemember('01A')).toBe(true);
    expect(seen.checkAndRemember('01B')).toBe(false);
  });

  it('remembers at most maxIds ids, forgetting the oldest first', () => {
    const seen = createSeenEvents({ maxIds: 3 });
    for (const id of ['a', 'b', 'c', 'd']) seen.checkAndRemember(id);
    expect(seen.size).toBe(3);
    expect(seen.checkAndRemember('d')).toBe(true);
    expect(seen.checkAndRemember('a')).toBe(false);
  });

  it('forgets an id once it is older than ttlMs', () => {
    let now = 0;
    const seen = createSeenEvents({ ttlMs: 1000, now: () => now });
    seen.checkAndRemember('a');
    now = 999;
    expect(seen.checkAndRemember('a')).toBe(true);
    now = 1000;
    expect(seen.checkAndRemember('a')).toBe(false);
  });

  it('is bounded by default to 10,000 ids for a day', () => {
    expect(DEFAULT_SEEN_EVENTS_OPTIONS).toMatchObject({ maxIds: 10_000, ttlMs: 24 * 60 * 60 * 1000 });
    const seen = createSeenEvents();
    for (let i = 0; i < 10_050; i++) seen.checkAndRemember(`id-${i}`);
    expect(seen.size).toBe(10_000);
  });
});
