import type { Activity } from 'botbuilder';
import fc from 'fast-check';
import { type ConversationState, NEW_CONVERSATION, type PendingFollowUp } from '../../dialogs/follow-up';
import { createLogger } from '../../src/logger';
import { ALL_INTENTS, FAQ_INTENTS } from '../../src/nlu';
import { MemoryConversationRecords } from '../../src/state/memory-conversation-records';
import { SLOT_UNITS } from '../../src/state/record-slots';

const MINUTE = 60_000;

function recordsWithClock(limits = { idleMs: 30 * MINUTE, maxConversations: 3 }) {
  const clock = { now: 0 };
  const logLines: string[] = [];
  const logger = createLogger('info', (line) => logLines.push(line));
  return {
    clock,
    logLines,
    records: new MemoryConversationRecords({ logger, limits, now: () => clock.now }),
  };
}

const message = (conversation: string, channelId = 'webchat') =>
  ({ channelId, conversation: { id: conversation } }) as Partial<Activity>;

const feedback = (offered = false): ConversationState => ({
  pending: { kind: 'feedback', intent: 'otp_delivery' },
  companyOffered: offered,
});

/** Reads the conversation, then saves `next` against what was read. */
async function remember(records: MemoryConversationRecords, conversation: string, next: ConversationState) {
  const stored = (await records.read(message(conversation)))!;
  return records.save(stored, next);
}

async function stateOf(records: MemoryConversationRecords, conversation: string) {
  return (await records.read(message(conversation)))!.state;
}

describe('conversations kept in memory', () => {
  it('gives back every kind of open question as it was saved', async () => {
    const { records } = recordsWithClock({ idleMs: 30 * MINUTE, maxConversations: 20 });
    const states: ConversationState[] = [
      NEW_CONVERSATION,
      { pending: null, companyOffered: true },
      feedback(true),
      { pending: { kind: 'cardCompanyOffer', intent: 'how_to_register' }, companyOffered: true },
      { pending: { kind: 'cardCompanyChoice', intent: 'error_cause' }, companyOffered: false },
      {
        pending: {
          kind: 'clarify',
          choices: ['how_to_register', 'greeting'],
          issuer: 'jcb',
          wording: '登録は？',
        },
        companyOffered: false,
      },
      {
        pending: { kind: 'clarify', choices: ['error_cause', 'otp_delivery'], issuer: null, wording: '' },
        companyOffered: true,
      },
    ];
    for (const [i, state] of states.entries()) {
      // From another state first, so that each save changes something.
      await remember(records, `c${i}`, feedback(!state.companyOffered));
      expect(await remember(records, `c${i}`, state)).toBe('saved');
    }
    for (const [i, state] of states.entries()) expect(await stateOf(records, `c${i}`)).toEqual(state);
  });

  it('writes nothing when the state did not change', async () => {
    const { records } = recordsWithClock();
    expect(await remember(records, 'a', NEW_CONVERSATION)).toBe('unchanged');
    expect(records.size).toBe(0);
    await remember(records, 'a', feedback());
    expect(await remember(records, 'a', feedback())).toBe('unchanged');
  });

  it('forgets a conversation idle for longer than the limit, and keeps one still in use', async () => {
    const { clock, records } = recordsWithClock();
    await remember(records, 'idle', feedback());
    await remember(records, 'busy', feedback());
    clock.now += 20 * MINUTE;
    expect(await stateOf(records, 'busy')).toEqual(feedback());
    clock.now += 20 * MINUTE;
    expect(await stateOf(records, 'idle')).toBe(NEW_CONVERSATION);
    expect(await stateOf(records, 'busy')).toEqual(feedback());
  });

  it('keeps at most the cap, dropping the least recently used first', async () => {
    const { clock, records } = recordsWithClock();
    for (const key of ['a', 'b', 'c']) {
      await remember(records, key, feedback());
      clock.now += 1;
    }
    await records.read(message('a')); // a is used again: b is now the least recent
    await remember(records, 'd', feedback());
    expect(records.size).toBe(3);
    const kept = [];
    for (const key of ['a', 'b', 'c', 'd']) if ((await stateOf(records, key)).pending) kept.push(key);
    expect(kept).toEqual(['a', 'c', 'd']);
  });

  it('sweeps idle conversations on saves, so memory does not grow with conversations nobody continues', async () => {
    const { clock, records } = recordsWithClock({ idleMs: 30 * MINUTE, maxConversations: 1000 });
    for (let i = 0; i < 100; i++) await remember(records, `old-${i}`, feedback());
    clock.now += 31 * MINUTE;
    await remember(records, 'fresh', feedback());
    expect(records.size).toBe(1);
  });

  it('refuses, counts and logs a save made against a state another turn changed since it was read', async () => {
    const { records, logLines } = recordsWithClock();
    await remember(records, 'key', feedback());
    const first = (await records.read(message('key')))!;
    const second = (await records.read(message('key')))!;
    expect(await records.save(first, NEW_CONVERSATION)).toBe('saved');
    expect(await records.save(second, feedback(true))).toBe('conflict');
    expect(await stateOf(records, 'key')).toEqual(NEW_CONVERSATION);
    expect(records.conflicts).toBe(1);
    expect(logLines.join('\n')).toContain('the follow-up of this message is dropped');
    expect(logLines.join('\n')).not.toContain('key');
  });

  it('refuses to create a record another turn created first', async () => {
    const { records } = recordsWithClock();
    const [first, second] = [(await records.read(message('new')))!, (await records.read(message('new')))!];
    expect(await records.save(first, feedback())).toBe('saved');
    expect(await records.save(second, feedback(true))).toBe('conflict');
    expect(await stateOf(records, 'new')).toEqual(feedback());
  });

  it('keeps a clarified wording longer than its slot, and keys and wording in any script, as they were written', async () => {
    const { records } = recordsWithClock();
    const clarify = (wording: string): ConversationState => ({
      pending: {
        kind: 'clarify',
        choices: ['how_to_register', 'registration_status'],
        issuer: 'smbc',
        wording,
      },
      companyOffered: false,
    });
    const long = '母のスマホに認証コードが届きます😀'.repeat(11);
    const broken = 'コード\ud800が届かない';
    const longId = 'a:1'.repeat(SLOT_UNITS);
    for (const [id, state] of [
      ['Uあいう', clarify(long)],
      [longId, clarify(broken)],
      ['short', clarify(broken)],
    ] as const)
      await remember(records, id, state);
    expect(await stateOf(records, 'Uあいう')).toEqual(clarify(long));
    expect(await stateOf(records, longId)).toEqual(clarify(broken));
    expect(await stateOf(records, 'short')).toEqual(clarify(broken));
    expect(await stateOf(records, longId.slice(0, -1))).toBe(NEW_CONVERSATION);
  });

  /** The same rules, kept the plain way: a Map in order of use, least recent first. */
  class PlainModel {
    readonly records = new Map<string, { state: ConversationState; touched: number }>();
    constructor(private readonly limits: { idleMs: number; maxConversations: number }) {}
    read(key: string, now: number): ConversationState {
      const record = this.records.get(key);
      if (!record) return NEW_CONVERSATION;
      this.records.delete(key);
      if (now - record.touched > this.limits.idleMs) return NEW_CONVERSATION;
      record.touched = now;
      this.records.set(key, record);
      return record.state;
    }
    save(key: string, state: ConversationState, now: number) {
      this.records.delete(key);
      this.records.set(key, { state, touched: now });
      for (const [oldKey, record] of this.records) {
        if (now - record.touched > this.limits.idleMs || this.records.size > this.limits.maxConversations) {
          this.records.delete(oldKey);
        } else break;
      }
    }
  }

  const pendingArbitrary: fc.Arbitrary<PendingFollowUp | null> = fc.oneof(
    fc.constant(null),
    fc.record({
      kind: fc.constantFrom('cardCompanyOffer' as const, 'cardCompanyChoice' as const, 'feedback' as const),
      intent: fc.constantFrom(...FAQ_INTENTS),
    }),
    fc.record({
      kind: fc.constant('clarify' as const),
      choices: fc.tuple(
        fc.constantFrom(...ALL_INTENTS.filter((intent) => intent !== 'none')),
        fc.constantFrom(...ALL_INTENTS.filter((intent) => intent !== 'none')),
      ),
      issuer: fc.option(fc.constantFrom('jcb', 'smbc', 'rakuten', '楽天'), { nil: null }),
      wording: fc.string({ maxLength: 200, unit: 'grapheme' }),
    }),
  );

  it('holds exactly what a plain map in order of use would, through any mix of reads, saves and idle time', async () => {
    // Few conversations, so that they meet again; some long, so that they leave their slot; a small
    // cap, so that the hash table is crowded and entries move when others are removed.
    const id = fc.oneof(
      fc.constantFrom('a', 'b', 'c', 'x', 'Uあ', 'k'.repeat(SLOT_UNITS + 1)),
      fc.integer({ min: 0, max: 30 }).map((n) => `c${n}`),
    );
    const operation = fc.oneof(
      fc.record({
        op: fc.constant('save' as const),
        id,
        state: fc.record({ pending: pendingArbitrary, companyOffered: fc.boolean() }),
      }),
      fc.record({ op: fc.constant('read' as const), id }),
      fc.record({ op: fc.constant('wait' as const), minutes: fc.integer({ min: 1, max: 40 }) }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 8 }),
        fc.array(operation, { maxLength: 120 }),
        async (cap, steps) => {
          const limits = { idleMs: 30 * MINUTE, maxConversations: cap };
          const { clock, records } = recordsWithClock(limits);
          const model = new PlainModel(limits);
          for (const step of steps) {
            if (step.op === 'wait') {
              clock.now += step.minutes * MINUTE;
            } else if (step.op === 'read') {
              expect(await stateOf(records, step.id)).toEqual(model.read(step.id, clock.now));
            } else {
              const stored = (await records.read(message(step.id)))!;
              const before = model.read(step.id, clock.now);
              const outcome = await records.save(stored, step.state);
              if (outcome === 'saved') model.save(step.id, step.state, clock.now);
              expect(outcome).toBe(
                JSON.stringify(before) === JSON.stringify(step.state) ? 'unchanged' : 'saved',
              );
            }
          }
          for (const held of [...model.records.keys()])
            expect(await stateOf(records, held)).toEqual(model.read(held, clock.now));
          expect(records.size).toBe(model.records.size);
        },
      ),
      { numRuns: 300 },
    );
  });
});
