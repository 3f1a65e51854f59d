import { BoundedMemoryStorage } from '../../src/state/bounded-memory-storage';
import { StorageConflictError } from '../../src/state/storage-conflict';

const MINUTE = 60_000;

function storageWithClock(limits = { idleMs: 30 * MINUTE, maxConversations: 3 }) {
  const clock = { now: 0 };
  return { clock, storage: new BoundedMemoryStorage(limits, () => clock.now) };
}

describe('conversations kept in memory', () => {
  it('forgets a conversation idle for longer than the limit, and keeps one still in use', async () => {
    const { clock, storage } = storageWithClock();
    await storage.write({ idle: { step: 1 }, busy: { step: 1 } });
    clock.now += 20 * MINUTE;
    expect(await storage.read(['busy'])).toMatchObject({ busy: { step: 1 } });
    clock.now += 20 * MINUTE;
    const items = await storage.read(['idle', 'busy']);
    expect(items.idle).toBeUndefined();
    expect(items.busy).toMatchObject({ step: 1 });
  });

  it('keeps at most the cap, dropping the least recently used first', async () => {
    const { clock, storage } = storageWithClock();
    for (const key of ['a', 'b', 'c']) {
      await storage.write({ [key]: { key } });
      clock.now += 1;
    }
    await storage.read(['a']); // a is used again: b is now the least recent
    await storage.write({ d: { key: 'd' } });
    expect(storage.size).toBe(3);
    expect(Object.keys(await storage.read(['a', 'b', 'c', 'd'])).sort()).toEqual(['a', 'c', 'd']);
  });

  it('sweeps idle conversations on writes, so memory does not grow with conversations nobody continues', async () => {
    const { clock, storage } = storageWithClock({ idleMs: 30 * MINUTE, maxConversations: 1000 });
    for (let i = 0; i < 100; i++) await storage.write({ [`old-${i}`]: { i } });
    clock.now += 31 * MINUTE;
    await storage.write({ fresh: { i: 0 } });
    expect(storage.size).toBe(1);
  });

  it('refuses a write made with an ETag that changed since it was read', async () => {
    const { storage } = storageWithClock();
    await storage.write({ key: { pending: 'first' } });
    const read = (await storage.read(['key'])).key!;
    await storage.write({ key: { ...read, pending: 'second' } });
    await expect(storage.write({ key: { ...read, pending: 'third' } })).rejects.toBeInstanceOf(
      StorageConflictError,
    );
    expect(await storage.read(['key'])).toMatchObject({ key: { pending: 'second' } });
  });

  it('refuses to create a record another turn created first', async () => {
    const { storage } = storageWithClock();
    await storage.write({ key: { pending: 'first' } });
    await expect(storage.write({ key: { pending: 'second' } })).rejects.toBeInstanceOf(StorageConflictError);
    await storage.write({ key: { pending: 'forced', eTag: '*' } });
    expect(await storage.read(['key'])).toMatchObject({ key: { pending: 'forced' } });
  });

  it('gives each reader its own copy', async () => {
    const { storage } = storageWithClock();
    await storage.write({ key: { list: [1] } });
    const first = (await storage.read(['key'])).key as { list: number[] };
    first.list.push(2);
    expect(await storage.read(['key'])).toMatchObject({ key: { list: [1] } });
  });
});
