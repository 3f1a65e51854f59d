import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Activity, ActivityTypes, TestAdapter } from 'botbuilder';
import type { AnalyticsEvent } from '../../src/analytics/analytics-event';
import { createJsonlAnalytics } from '../../src/analytics/jsonl-analytics';
import { FaqBot } from '../../src/bot/faq-bot';
import { createLogger } from '../../src/logger';
import { recordedEvents } from '../helpers/analytics-file';
import { realEngine } from '../helpers/engine';

let dir: string;
let file: string;
let adapter: TestAdapter;
let flush: () => Promise<void>;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'faq-bot-'));
});
// A test that never reads its file still has a write waiting: written before the folder goes.
afterEach(() => flush());
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A new bot and conversation for each test, recording to its own analytics file. */
beforeEach(async () => {
  const { engine, knowledgeBase } = await realEngine();
  const logger = createLogger('silent');
  file = path.join(dir, `${expect.getState().currentTestName?.length}-${Date.now()}.jsonl`);
  const analytics = createJsonlAnalytics(file, logger);
  flush = () => analytics.flush();
  const bot = new FaqBot({ engine, knowledgeBase, logger, analytics });
  adapter = new TestAdapter((context) => bot.run(context), undefined, true);
});

/** Everything the bot sends back for one incoming activity. */
async function repliesTo(activity: string | Partial<Activity>): Promise<Partial<Activity>[]> {
  await adapter.receiveActivity(activity);
  return adapter.activityBuffer.splice(0);
}

async function recorded(): Promise<readonly AnalyticsEvent[]> {
  await flush();
  return recordedEvents(file);
}

const buttons = (activity: Partial<Activity> | undefined) =>
  activity?.suggestedActions?.actions.map((action) => action.value) ?? [];

describe('the FAQ bot', () => {
  it('welcomes a new member with topic buttons', async () => {
    const [welcome] = await repliesTo({
      type: ActivityTypes.ConversationUpdate,
      membersAdded: [{ id: 'user', name: 'User1' }],
    });
    expect(welcome?.text).toContain('ご質問にお答えします');
    expect(buttons(welcome).length).toBeGreaterThanOrEqual(3);
  });

  it('does not welcome itself when the bot joins', async () => {
    const replies = await repliesTo({
      type: ActivityTypes.ConversationUpdate,
      membersAdded: [{ id: 'bot', name: 'Bot' }],
    });
    expect(replies).toEqual([]);
  });

  it('answers a question with the canned answer, then offers next steps with the related questions', async () => {
    const [answer, prompt] = await repliesTo('ワンタイムパスワードはどこに届きますか');
    expect(answer?.text).toContain('SMS');
    expect(answer?.textFormat).toBe('markdown');
    expect(answer?.locale).toBe('ja-JP');
    expect(buttons(prompt)).toContain('今まで使えていたカードがエラーになるのはなぜですか');
  });

  it('answers a pressed button with that topic', async () => {
    const [answer] = await repliesTo('今まで使えていたカードがエラーになるのはなぜですか');
    expect(answer?.text).toContain('不正検知システム');
  });

  it('links the card company a user names', async () => {
    const [answer] = await repliesTo('三井住友カードの3Dセキュア登録方法は？');
    expect(answer?.text).toContain(
      '[三井住友カード](https://www.smbc-card.com/mem/service/sec/secure01.jsp)',
    );
  });

  it('answers out-of-scope questions politely without guessing, and records them as unanswered', async () => {
    const replies = await repliesTo('今日のランチのおすすめは？');
    expect(replies).toHaveLength(1);
    expect(replies[0]?.text).toContain('お答えできません');
    expect(await recorded()).toMatchObject([
      {
        event: 'question',
        outcome: 'fallback',
        intent: 'none',
        channel: 'test',
        text: '今日のランチのおすすめは？',
      },
    ]);
    // The file says when, as ISO 8601 text (the report and any other reader count on it).
    const [line] = fs.readFileSync(file, 'utf8').trim().split('\n');
    expect(JSON.parse(line!).time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('answers a message without text (an image) with the help message', async () => {
    const [help] = await repliesTo({
      type: ActivityTypes.Message,
      attachments: [{ contentType: 'image/png', contentUrl: 'https://example.invalid/a.png' }],
    });
    expect(help?.text).toContain('次のようなご質問にお答えします');
  });

  it('warns about a card number and never repeats or records it', async () => {
    const replies = await repliesTo('5555 5555 5555 4444 が使えません');
    expect(replies[0]?.text).toContain('カード番号はチャットに入力しないでください');
    expect(JSON.stringify(replies)).not.toContain('5555');
    await flush();
    expect(fs.readFileSync(file, 'utf8')).not.toContain('5555');
  });

  it('ignores typing and other non-message activities', async () => {
    expect(await repliesTo({ type: ActivityTypes.Typing })).toEqual([]);
    expect(await repliesTo({ type: ActivityTypes.Event, name: 'unknown/event' })).toEqual([]);
  });
});
