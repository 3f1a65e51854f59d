import type { Storage, StoreItems } from 'botbuilder';
import type { StorageSettings } from '../../src/config';
import { sharedBlobStorage } from '../../src/state/conversation-storage';
import { Azurite } from '../helpers/azurite';
import { type ChannelClient, channelClient, type SeenMessage } from '../helpers/channel-client';

jest.setTimeout(60_000);

const azurite = new Azurite();
beforeAll(() => azurite.start());
afterAll(() => azurite.dispose());

function blobStorage(container: string): Storage {
  const settings: StorageSettings = {
    kind: 'blob',
    connectionString: azurite.connectionString,
    container,
    timeoutMs: 2000,
  };
  return sharedBlobStorage(settings);
}

/** One bot instance, as on its own server with its own storage client; every instance sees the same conversation. */
function botInstance(storage: Storage): Promise<ChannelClient> {
  return channelClient('webchat', { storage, conversationId: 'one-conversation' });
}

/** The real blob storage, whose writes wait until `release()`: two instances' turns made to overlap. */
class HeldWrites implements Storage {
  private held: (() => void)[] = [];
  private holding = false;
  private arrived: () => void = () => undefined;
  /** Resolves when a write is being held. */
  writeHeld: Promise<void> = Promise.resolve();
  constructor(private readonly inner: Storage) {}
  hold(): void {
    this.holding = true;
    this.writeHeld = new Promise((resolve) => (this.arrived = resolve));
  }
  release(): void {
    this.holding = false;
    for (const go of this.held.splice(0)) go();
  }
  read(keys: string[]): Promise<StoreItems> {
    return this.inner.read(keys);
  }
  async write(changes: StoreItems): Promise<void> {
    if (this.holding) {
      this.arrived();
      await new Promise<void>((go) => this.held.push(go));
    }
    return this.inner.write(changes);
  }
  delete(keys: string[]): Promise<void> {
    return this.inner.delete(keys);
  }
}

const texts = (replies: SeenMessage[]) => replies.map((reply) => reply.text);
const logged = (client: ChannelClient) =>
  client.logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
const OFFER = 'ページをご案内しましょうか';

describe('conversation state in an Azure Blob container (Azurite)', () => {
  it('carries one conversation across two bot instances that share the container', async () => {
    const first = await botInstance(blobStorage('shared-state'));
    const second = await botInstance(blobStorage('shared-state'));

    expect(texts(await first.say('ワンタイムパスワードはどこに届きますか'))[1]).toContain(OFFER);
    // The other instance knows the bot just offered the company page…
    expect(texts(await second.say('はい'))[0]).toContain('番号か名前でお知らせください');
    // …and the first one that it is waiting for the company.
    const page = texts(await first.say('ビザ'));
    expect(page[0]).toContain('Visa Secure');
    expect(page[1]).toContain('この回答は役に立ちましたか');
    expect(texts(await second.say('はい'))).toEqual([expect.stringContaining('ご回答ありがとうございます')]);
    expect(await second.recorded()).toContainEqual(
      expect.objectContaining({ event: 'feedback', intent: 'otp_delivery', helpful: true }),
    );
  });

  it('keeps a clarified question’s Japanese wording whole across instances', async () => {
    const first = await botInstance(blobStorage('wording'));
    const second = await botInstance(blobStorage('wording'));
    expect(texts(await first.say('3Dセキュアについて知りたい'))[0]).toContain('どちらのご質問ですか');
    await second.say('どれでもない');
    expect(await second.recorded()).toEqual([
      expect.objectContaining({ event: 'clarification', intent: 'none', text: '3Dセキュアについて知りたい' }),
    ]);
  });

  it('detects two instances answering one conversation at once: the later follow-up is dropped and counted, the earlier stands', async () => {
    const heldStorage = new HeldWrites(blobStorage('conflict'));
    const first = await botInstance(blobStorage('conflict'));
    const second = await botInstance(heldStorage);
    await first.say('コンビニ払いに変更できますか'); // the record exists: 「役に立ちましたか」 is open

    heldStorage.hold();
    // The second instance reads the open feedback question and answers; its write waits…
    const late = second.say('ワンタイムパスワードはどこに届きますか');
    await heldStorage.writeHeld;
    // …while the first instance answers the same conversation and writes first.
    expect(texts(await first.say('3Dセキュアについて知りたい'))[0]).toContain('どちらのご質問ですか');
    heldStorage.release();
    expect(texts(await late)[1]).toContain(OFFER);

    expect(logged(second)).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        message: 'Conversation changed on another instance; the follow-up of this message is dropped',
        conflicts: 1,
      }),
    );
    // The conversation goes on with the first instance's question, not the dropped offer.
    expect(texts(await second.say('1'))[0]).toContain('ご本人であることを確認するサービス');
  });

  it('detects two instances starting one conversation at once', async () => {
    const heldStorage = new HeldWrites(blobStorage('created'));
    const first = await botInstance(blobStorage('created'));
    const second = await botInstance(heldStorage);
    heldStorage.hold();
    const late = second.say('コンビニ払いに変更できますか');
    await heldStorage.writeHeld;
    await first.say('3Dセキュアについて知りたい');
    heldStorage.release();
    await late;
    expect(logged(second)).toContainEqual(expect.objectContaining({ level: 'warn', conflicts: 1 }));
    expect(texts(await first.say('2'))[0]).toContain(
      'ご利用のクレジットカード会社のページでご確認いただけます',
    );
  });

  it('answers on its own, asking nothing, while the storage is down, and resumes when it is back', async () => {
    const bot = await botInstance(blobStorage('outage'));
    expect(texts(await bot.say('コンビニ払いに変更できますか'))[1]).toContain('役に立ちましたか');

    await azurite.stop();
    const replies = await bot.say('エラーの原因を教えてください');
    expect(texts(replies)).toHaveLength(1);
    expect(texts(replies)[0]).toContain('エラーの原因は、ご利用のクレジットカード会社にお問い合わせください');
    expect(replies[0]?.buttons.length).toBeGreaterThan(0);
    expect(logged(bot)).toContainEqual(
      expect.objectContaining({
        level: 'error',
        message: 'Conversation state unavailable; answering this message on its own',
      }),
    );
    const log = bot.logLines.join('\n');
    expect(log).not.toContain('エラーの原因を教えてください');
    expect(log).not.toContain('AccountKey');

    await azurite.start();
    // The stored conversation is still waiting for the rating of the convenience-store answer.
    expect(texts(await bot.say('いいえ'))[0]).toContain('お役に立てず申し訳ありません');
    expect(await bot.recorded()).toContainEqual(
      expect.objectContaining({ event: 'feedback', intent: 'convenience_store', helpful: false }),
    );
  });

  it('starts while the storage is down, answers each message on its own, and keeps conversations once it is up', async () => {
    await azurite.stop();
    // A new container: the storage client's first call, which creates it, fails.
    const bot = await botInstance(blobStorage('started-during-outage'));
    expect(texts(await bot.say('コンビニ払いに変更できますか'))).toEqual([
      expect.stringContaining('コンビニ'),
    ]);
    expect(bot.logLines.join('\n')).toContain('Conversation state unavailable');

    await azurite.start();
    expect(texts(await bot.say('ワンタイムパスワードはどこに届きますか'))[1]).toContain(OFFER);
    expect(texts(await bot.say('いいえ'))).toEqual([expect.stringContaining('役に立ちましたか')]);
  });
});
