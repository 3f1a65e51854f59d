import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Activity, TestAdapter } from 'botbuilder';
import type { AnalyticsEvent } from '../../src/analytics/analytics-event';
import { createJsonlAnalytics } from '../../src/analytics/jsonl-analytics';
import { FaqBot } from '../../src/bot/faq-bot';
import type { StorageSettings } from '../../src/config';
import { createLogger } from '../../src/logger';
import { createConversationStorage } from '../../src/state/conversation-storage';
import { Azurite } from '../helpers/azurite';
import { recordedEvents } from '../helpers/analytics-file';
import { realEngine } from '../helpers/engine';

jest.setTimeout(60_000);

const azurite = new Azurite();
let dir: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'blob-state-'));
  await azurite.start();
});
afterAll(async () => {
  await azurite.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** One bot instance, as on its own server: its own storage client, analytics file and log. */
async function botInstance(name: string, container: string) {
  const { engine, knowledgeBase } = await realEngine();
  const logLines: string[] = [];
  const logger = createLogger('info', (line) => logLines.push(line));
  const file = path.join(dir, `${container}-${name}.jsonl`);
  const analytics = createJsonlAnalytics(file, logger);
  const settings: StorageSettings = {
    kind: 'blob',
    connectionString: azurite.connectionString,
    container,
    timeoutMs: 2000,
  };
  const bot = new FaqBot({
    engine,
    knowledgeBase,
    analytics,
    logger,
    storage: createConversationStorage(settings),
  });
  // Every instance sees the same conversation (TestAdapter's default ids), as behind a load balancer.
  const adapter = new TestAdapter((context) => bot.run(context), undefined, true);
  return {
    logLines,
    async say(text: string): Promise<Partial<Activity>[]> {
      await adapter.receiveActivity(text);
      return adapter.activityBuffer.splice(0);
    },
    async recorded(): Promise<readonly AnalyticsEvent[]> {
      await analytics.flush();
      return recordedEvents(file);
    },
  };
}

const texts = (replies: Partial<Activity>[]) => replies.map((reply) => reply.text ?? '');

describe('conversation state in an Azure Blob container (Azurite)', () => {
  it('carries one conversation across two bot instances that share the container', async () => {
    const first = await botInstance('first', 'shared-state');
    const second = await botInstance('second', 'shared-state');

    const asked = await first.say('ワンタイムパスワードはどこに届きますか');
    expect(texts(asked)[1]).toContain('カード会社の3Dセキュアのページをご案内できます');

    // The other instance knows the bot just offered the company page…
    const page = await second.say('Visa');
    expect(texts(page)[0]).toContain('Visa Secure');
    expect(texts(page)[1]).toContain('この回答は役に立ちましたか？');

    // …and the first one that it asked about the one-time password answer.
    expect(texts(await first.say('はい'))).toEqual([expect.stringContaining('ご回答ありがとうございます')]);
    expect(await first.recorded()).toContainEqual(
      expect.objectContaining({ event: 'feedback', intent: 'otp_delivery', helpful: true }),
    );
  });

  it('answers on its own and logs the failure while the storage is down, and resumes when it is back', async () => {
    const bot = await botInstance('only', 'outage');
    expect(texts(await bot.say('コンビニ払いに変更できますか'))[1]).toContain('役に立ちましたか');

    await azurite.stop();
    const replies = await bot.say('エラーの原因を教えてください');
    expect(texts(replies)).toHaveLength(1);
    expect(texts(replies)[0]).toContain('エラーの原因は、ご利用のクレジットカード会社にお問い合わせください');
    expect(replies[0]?.suggestedActions?.actions.length).toBeGreaterThan(0);
    const errors = bot.logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(errors).toContainEqual(
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
    const bot = await botInstance('early', 'started-during-outage');
    const alone = await bot.say('コンビニ払いに変更できますか');
    expect(texts(alone)).toEqual([expect.stringContaining('コンビニ')]);
    expect(bot.logLines.join('\n')).toContain('Conversation state unavailable');

    await azurite.start();
    expect(texts(await bot.say('ワンタイムパスワードはどこに届きますか'))[1]).toContain('ご案内できます');
    expect(texts(await bot.say('不要です'))).toEqual([expect.stringContaining('役に立ちましたか')]);
  });
});
