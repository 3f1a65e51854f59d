import { createLogger } from '../../src/logger';
import type { ConversationRecords } from '../../src/state/conversation-records';
import { MemoryConversationRecords } from '../../src/state/memory-conversation-records';
import { channelClient } from '../helpers/channel-client';

/** The real in-memory records, with reads and the saves that changed something counted. */
class CountedRecords implements ConversationRecords {
  reads = 0;
  writes = 0;
  constructor(readonly inner: ConversationRecords) {}
  get conflicts() {
    return this.inner.conflicts;
  }
  read(...args: Parameters<ConversationRecords['read']>) {
    this.reads += 1;
    return this.inner.read(...args);
  }
  async save(...args: Parameters<ConversationRecords['save']>) {
    const outcome = await this.inner.save(...args);
    if (outcome === 'saved') this.writes += 1;
    return outcome;
  }
  state() {
    return this.inner.state();
  }
}

const memory = (options: Partial<ConstructorParameters<typeof MemoryConversationRecords>[0]> = {}) =>
  new MemoryConversationRecords({ logger: createLogger('silent'), ...options });

describe('what a conversation costs the storage', () => {
  it('reads once per message and writes only when the bot’s open question changes', async () => {
    const records = new CountedRecords(memory());
    const client = await channelClient('webchat', { records });
    const calls = async (text: string) => {
      const before = { reads: records.reads, writes: records.writes };
      await client.say(text);
      return { reads: records.reads - before.reads, writes: records.writes - before.writes };
    };

    expect(await calls('ありがとうございました')).toEqual({ reads: 1, writes: 0 });
    expect(await calls('コンビニ払いに変更できますか')).toEqual({ reads: 1, writes: 1 }); // asks for feedback
    expect(await calls('はい')).toEqual({ reads: 1, writes: 1 }); // the question is answered
    expect(await calls('ありがとう')).toEqual({ reads: 1, writes: 0 });
    expect(await calls('領収書を発行してほしいです')).toEqual({ reads: 1, writes: 0 });
  });

  it('keeps each member’s open question apart in a group chat: one person’s 「はい」 never answers another’s', async () => {
    const records = memory();
    const inGroup = (userId: string) =>
      channelClient('line', { records, conversationId: 'group-1', group: true, userId });
    const [asker, neighbour] = [await inGroup('member-a'), await inGroup('member-b')];
    await asker.say('ワンタイムパスワードが届きません');
    const [toNeighbour] = await neighbour.say('はい');
    expect(toNeighbour?.text).toContain('承知しました');
    const [toAsker] = await asker.say('はい');
    expect(toAsker?.text).not.toContain('承知しました');
  });

  it('keeps no record for a message without a conversation id: nothing is shared between such messages', async () => {
    const records = memory();
    for (const conversation of [undefined, { id: '' }]) {
      const activity = { channelId: 'webchat', conversation } as Parameters<typeof records.read>[0];
      expect(await records.read(activity)).toBeUndefined();
    }
    expect(records.size).toBe(0);
  });

  it('forgets an open question once the conversation has been idle for half an hour', async () => {
    const clock = { now: Date.now() };
    const records = memory({ limits: { idleMs: 30 * 60_000, maxConversations: 100 }, now: () => clock.now });
    const client = await channelClient('webchat', { records });
    await client.say('コンビニ払いに変更できますか');
    clock.now += 31 * 60_000;
    const [reply] = await client.say('はい');
    expect(reply?.text).toContain('承知しました');
    expect(await client.recorded()).not.toContainEqual(expect.objectContaining({ event: 'feedback' }));
  });

  it('keeps a card number out of the stored conversation while asking which question was meant', async () => {
    const records = memory();
    const client = await channelClient('webchat', { records, conversationId: 'with-a-card-number' });
    const [reply] = await client.say('3Dセキュアについて知りたい 5555-5555-5555-4444');
    expect(reply?.text).toContain('カード番号はチャットに入力しないでください');
    expect(reply?.text).toContain('どちらのご質問ですか');
    const stored = await records.read({
      channelId: 'webchat',
      conversation: { id: 'with-a-card-number' },
    } as never);
    expect(stored?.state.pending).toMatchObject({
      kind: 'clarify',
      wording: expect.stringContaining('[カード番号]'),
    });
    expect(JSON.stringify(stored)).not.toContain('5555');
  });
});
