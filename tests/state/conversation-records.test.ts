import type { Storage, StoreItems } from 'botbuilder';
import { BoundedMemoryStorage } from '../../src/state/bounded-memory-storage';
import { createConversationRecords } from '../../src/state/conversation-records';
import { createLogger } from '../../src/logger';
import { channelClient } from '../helpers/channel-client';

/** The real in-memory storage, with its calls counted. */
class CountedStorage implements Storage {
  reads = 0;
  writes = 0;
  constructor(readonly inner: Storage) {}
  read(keys: string[]): Promise<StoreItems> {
    this.reads += 1;
    return this.inner.read(keys);
  }
  write(changes: StoreItems): Promise<void> {
    this.writes += 1;
    return this.inner.write(changes);
  }
  delete(keys: string[]): Promise<void> {
    return this.inner.delete(keys);
  }
}

describe('what a conversation costs the storage', () => {
  it('reads once per message and writes only when the bot’s open question changes', async () => {
    const storage = new CountedStorage(new BoundedMemoryStorage());
    const client = await channelClient('webchat', { storage });
    const calls = async (text: string) => {
      const before = { reads: storage.reads, writes: storage.writes };
      await client.say(text);
      return { reads: storage.reads - before.reads, writes: storage.writes - before.writes };
    };

    expect(await calls('ありがとうございました')).toEqual({ reads: 1, writes: 0 });
    expect(await calls('コンビニ払いに変更できますか')).toEqual({ reads: 1, writes: 1 }); // asks for feedback
    expect(await calls('はい')).toEqual({ reads: 1, writes: 1 }); // the question is answered
    expect(await calls('ありがとう')).toEqual({ reads: 1, writes: 0 });
    expect(await calls('領収書を発行してほしいです')).toEqual({ reads: 1, writes: 0 });
  });

  it('keeps each member’s open question apart in a group chat: one person’s 「はい」 never answers another’s', async () => {
    const storage = new BoundedMemoryStorage();
    const inGroup = (userId: string) =>
      channelClient('line', { storage, conversationId: 'group-1', group: true, userId });
    const [asker, neighbour] = [await inGroup('member-a'), await inGroup('member-b')];
    await asker.say('ワンタイムパスワードが届きません');
    const [toNeighbour] = await neighbour.say('はい');
    expect(toNeighbour?.text).toContain('承知しました');
    const [toAsker] = await asker.say('はい');
    expect(toAsker?.text).not.toContain('承知しました');
  });

  it('keeps no record for a message without a conversation id: nothing is shared between such messages', async () => {
    const storage = new CountedStorage(new BoundedMemoryStorage());
    const records = createConversationRecords(storage, { logger: createLogger('silent') });
    for (const conversation of [undefined, { id: '' }]) {
      const activity = { channelId: 'webchat', conversation } as Parameters<typeof records.read>[0];
      expect(await records.read(activity)).toBeUndefined();
    }
    expect(storage.reads).toBe(0);
  });

  it('forgets an open question once the conversation has been idle for half an hour', async () => {
    const clock = { now: Date.now() };
    const storage = new BoundedMemoryStorage({ idleMs: 30 * 60_000, maxConversations: 100 }, () => clock.now);
    const client = await channelClient('webchat', { storage });
    await client.say('コンビニ払いに変更できますか');
    clock.now += 31 * 60_000;
    const [reply] = await client.say('はい');
    expect(reply?.text).toContain('承知しました');
    expect(await client.recorded()).not.toContainEqual(expect.objectContaining({ event: 'feedback' }));
  });

  it('keeps a card number out of the stored conversation while asking which question was meant', async () => {
    const storage = new BoundedMemoryStorage();
    const client = await channelClient('webchat', { storage, conversationId: 'with-a-card-number' });
    const [reply] = await client.say('3Dセキュアについて知りたい 5555-5555-5555-4444');
    expect(reply?.text).toContain('カード番号はチャットに入力しないでください');
    expect(reply?.text).toContain('どちらのご質問ですか');
    const stored = JSON.stringify(await storage.read(['webchat/follow-up/with-a-card-number']));
    expect(stored).toContain('[カード番号]');
    expect(stored).not.toContain('5555');
  });
});
