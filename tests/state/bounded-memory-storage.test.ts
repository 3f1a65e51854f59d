import fc from 'fast-check';
import { BoundedMemoryStorage } from '../../src/state/bounded-memory-storage';
import { SLOT_UNITS } from '../../src/state/record-slots';
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

  it('keeps a record longer than its slot, and keys and wording in any script, as they were written', async () => {
    const { storage } = storageWithClock();
    const wording = '母のスマホに認証コードが届きます😀'.repeat(20);
    const broken = 'コード\ud800が届かない';
    const longKey = `msteams/follow-up/${'a:1'.repeat(SLOT_UNITS)}`;
    await storage.write({ 'line/follow-up/Uあいう': { wording }, [longKey]: { step: 2 }, short: { broken } });
    expect(await storage.read(['line/follow-up/Uあいう', longKey])).toMatchObject({
      'line/follow-up/Uあいう': { wording },
      [longKey]: { step: 2 },
    });
    expect(await storage.read(['short'])).toMatchObject({ short: { broken } });
    expect((await storage.read([longKey.slice(0, -1)]))[longKey.slice(0, -1)]).toBeUndefined();
  });

  it('keeps records that just fit their slot, or just do not, apart from their neighbours', async () => {
    const { storage } = storageWithClock({ idleMs: 30 * MINUTE, maxConversations: 8 });
    // A one-letter key and {"value":"…"} take 13 code units beside the value.
    const values = [-2, -1, 0, 1, 2, 0].map((more, i) => String(i).repeat(SLOT_UNITS - 13 + more));
    for (const [i, value] of values.entries()) await storage.write({ [String(i)]: { value } });
    const items = await storage.read(values.map((_, i) => String(i)));
    expect(values.map((_, i) => (items[String(i)] as { value?: string } | undefined)?.value)).toEqual(values);
  });

  /** The same rules, kept the plain way: a Map in order of use, least recent first. */
  class PlainModel {
    readonly records = new Map<string, { item: object; touched: number }>();
    constructor(private readonly limits: { idleMs: number; maxConversations: number }) {}
    private use(key: string, now: number) {
      const record = this.records.get(key);
      if (!record) return undefined;
      this.records.delete(key);
      if (now - record.touched > this.limits.idleMs) return undefined;
      record.touched = now;
      this.records.set(key, record);
      return record;
    }
    read(key: string, now: number) {
      return this.use(key, now)?.item;
    }
    write(key: string, item: object, now: number) {
      this.use(key, now);
      this.records.set(key, { item, touched: now });
      for (const [oldKey, record] of this.records) {
        if (now - record.touched > this.limits.idleMs || this.records.size > this.limits.maxConversations) {
          this.records.delete(oldKey);
        } else break;
      }
    }
    delete(key: string) {
      this.records.delete(key);
    }
  }

  it('holds exactly what a plain map in order of use would, through any mix of reads, writes, deletes and idle time', async () => {
    // Few keys, so that they meet again; some long, so that they leave their slot; a small cap, so
    // that the hash table is crowded and entries move when others are removed.
    const key = fc.oneof(
      fc.constantFrom('a', 'b', 'c', 'webchat/follow-up/x', 'line/follow-up/Uあ', 'k'.repeat(SLOT_UNITS + 1)),
      fc.integer({ min: 0, max: 30 }).map((n) => `c${n}`),
    );
    const operation = fc.oneof(
      fc.record({
        op: fc.constant('write' as const),
        key,
        value: fc.string({ maxLength: 300, unit: 'grapheme' }),
      }),
      fc.record({ op: fc.constant('read' as const), key }),
      fc.record({ op: fc.constant('delete' as const), key }),
      fc.record({ op: fc.constant('wait' as const), minutes: fc.integer({ min: 1, max: 40 }) }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 8 }),
        fc.array(operation, { maxLength: 120 }),
        async (cap, operations) => {
          const limits = { idleMs: 30 * MINUTE, maxConversations: cap };
          const { clock, storage } = storageWithClock(limits);
          const model = new PlainModel(limits);
          for (const step of operations) {
            if (step.op === 'wait') clock.now += step.minutes * MINUTE;
            else if (step.op === 'write') {
              await storage.write({ [step.key]: { value: step.value, eTag: '*' } });
              model.write(step.key, { value: step.value }, clock.now);
            } else if (step.op === 'delete') {
              await storage.delete([step.key]);
              model.delete(step.key);
            } else {
              const { eTag, ...item } = (await storage.read([step.key]))[step.key] ?? { eTag: undefined };
              const expected = model.read(step.key, clock.now);
              expect(eTag === undefined ? undefined : item).toEqual(expected);
            }
          }
          for (const held of [...model.records.keys()]) {
            const expected = model.read(held, clock.now);
            const item = (await storage.read([held]))[held];
            if (expected) expect(item).toMatchObject(expected);
            else expect(item).toBeUndefined();
          }
          expect(storage.size).toBe(model.records.size);
        },
      ),
      { numRuns: 300 },
    );
  });
});
