import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Activity, ConversationState, MemoryStorage } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import { MainDialog } from '../../dialogs/main-dialog';
import type { AnalyticsEvent } from '../../src/analytics/analytics-event';
import { createJsonlAnalytics } from '../../src/analytics/jsonl-analytics';
import { createLogger } from '../../src/logger';
import type { FaqEngine, KnowledgeBase } from '../../src/nlu';
import { recordedEvents } from '../helpers/analytics-file';
import { realEngine } from '../helpers/engine';

/** One reply: a phrase it must contain, and optionally its buttons exactly (titles, in order). */
interface Reply {
  readonly says: string;
  readonly buttons?: readonly string[];
}
interface Step {
  readonly user: string;
  readonly bot: readonly Reply[];
}
interface Case {
  readonly name: string;
  readonly steps: readonly Step[];
  /** The analytics events of the whole conversation, in order (each matched as a subset). */
  readonly recorded: readonly Partial<AnalyticsEvent>[];
}

const BRAND_BUTTONS = [
  'Visa',
  'Mastercard',
  'JCB',
  'American Express',
  'Diners Club',
  'カード会社の一覧',
  '不要です',
];
const FEEDBACK = '役に立ちましたか';
const OTP = 'ワンタイムパスワードはどこに届きますか';
const OTP_RELATED = [
  '今まで使えたカードがエラーになる・本人認証に失敗する',
  '3Dセキュア 2.0の利用・登録方法',
];

const cases: Case[] = [
  {
    name: 'answers, offers the card company page, shows it, then asks for and records feedback',
    steps: [
      {
        user: OTP,
        bot: [
          { says: 'SMS', buttons: [] },
          {
            says: 'カード会社の3Dセキュアのページをご案内できます',
            buttons: [...BRAND_BUTTONS, ...OTP_RELATED],
          },
        ],
      },
      {
        user: 'Visa',
        bot: [
          { says: 'Visaの3Dセキュア' },
          {
            says: FEEDBACK,
            buttons: [
              'はい',
              'いいえ',
              '今まで使えたカードがエラーになる・本人認証に失敗する',
              '3Dセキュア 2.0の利用・登録方法',
            ],
          },
        ],
      },
      { user: 'はい', bot: [{ says: 'ご回答ありがとうございます' }] },
    ],
    recorded: [
      { event: 'question', outcome: 'answered', intent: 'otp_delivery' },
      { event: 'feedback', intent: 'otp_delivery', helpful: true },
    ],
  },
  {
    name: 'skips the company offer when the question named the company',
    steps: [
      {
        user: '三井住友カードの3Dセキュア登録方法は？',
        bot: [{ says: 'smbc-card.com' }, { says: FEEDBACK }],
      },
      { user: 'いいえ', bot: [{ says: 'お役に立てず申し訳ありません', buttons: undefined }] },
    ],
    recorded: [
      { event: 'question', outcome: 'answered', intent: 'how_to_register', issuer: 'smbc' },
      { event: 'feedback', intent: 'how_to_register', helpful: false },
    ],
  },
  {
    name: 'goes on to the feedback prompt when the company page is declined',
    steps: [
      {
        user: 'エラーの原因を教えてください',
        bot: [{ says: '当センターにお問い合わせいただいてもお答えできません' }, { says: 'ご案内できます' }],
      },
      { user: '不要です', bot: [{ says: FEEDBACK }] },
    ],
    recorded: [{ event: 'question', outcome: 'answered', intent: 'error_cause' }],
  },
  {
    name: 'answers a company typed instead of pressed, as a new question with its page',
    steps: [
      { user: 'エラーの原因を教えてください', bot: [{ says: 'エラーの原因' }, { says: 'ご案内できます' }] },
      { user: 'エポスカード', bot: [{ says: 'エポスカードの3Dセキュア' }, { says: FEEDBACK }] },
    ],
    recorded: [
      { event: 'question', intent: 'error_cause' },
      { event: 'question', outcome: 'answered', intent: 'issuer_links', issuer: 'epos' },
    ],
  },
  {
    name: 'asks which question was meant when two are close, and answers the pick',
    steps: [
      {
        user: '3Dセキュアについて',
        bot: [
          {
            says: 'どちらのご質問ですか',
            buttons: [
              '本人認証サービス（3Dセキュア 2.0）とは',
              'クレジットカード会社の3Dセキュアのページ',
              'どれでもない',
            ],
          },
        ],
      },
      {
        user: '3Dセキュア 2.0とは何ですか',
        bot: [{ says: 'ご本人であることを確認するサービス' }, { says: 'ご案内できます' }],
      },
    ],
    recorded: [
      { event: 'question', outcome: 'clarify', intent: 'about_3ds' },
      { event: 'clarification', intent: 'about_3ds' },
    ],
  },
  {
    name: 'says it cannot answer when none of the choices fits, and keeps the wording for the report',
    steps: [
      { user: '3Dセキュアについて', bot: [{ says: 'どちらのご質問ですか' }] },
      { user: 'どれでもない', bot: [{ says: 'お答えできません' }] },
    ],
    recorded: [
      { event: 'question', outcome: 'clarify' },
      { event: 'clarification', intent: 'none', text: '3Dセキュアについて' },
    ],
  },
  {
    name: 'answers a new question asked instead of picking a choice',
    steps: [
      { user: '3Dセキュアについて', bot: [{ says: 'どちらのご質問ですか' }] },
      {
        user: 'コンビニ払いに変更できますか',
        bot: [{ says: 'コンビニエンスストア決済' }, { says: FEEDBACK }],
      },
    ],
    recorded: [
      { event: 'question', outcome: 'clarify' },
      { event: 'question', outcome: 'answered', intent: 'convenience_store' },
    ],
  },
  {
    name: 'answers a related question pressed on the feedback prompt, without recording a rating',
    steps: [
      {
        user: 'コンビニ払いに変更できますか',
        bot: [{ says: 'コンビニエンスストア決済' }, { says: FEEDBACK }],
      },
      {
        user: '決済エラーが出た後はどうやって支払えばいいですか',
        bot: [{ says: 'マイページからお支払い手続き' }, { says: FEEDBACK }],
      },
      { user: 'はい', bot: [{ says: 'ありがとうございます' }] },
    ],
    recorded: [
      { event: 'question', intent: 'convenience_store' },
      { event: 'question', intent: 'payment_retry' },
      { event: 'feedback', intent: 'payment_retry', helpful: true },
    ],
  },
  {
    name: 'says plainly it cannot answer an out-of-scope question, with no prompt',
    steps: [{ user: '領収書を発行してほしいです', bot: [{ says: 'お答えできません' }] }],
    recorded: [
      { event: 'question', outcome: 'fallback', intent: 'none', text: '領収書を発行してほしいです' },
    ],
  },
  {
    name: 'answers small talk without asking for feedback',
    steps: [{ user: 'ありがとうございました', bot: [{ says: 'どういたしまして' }] }],
    recorded: [{ event: 'question', outcome: 'answered', intent: 'thanks' }],
  },
  {
    name: 'warns about a card number and never records it',
    steps: [
      {
        user: '4111-1111-1111-1111 で払えません、宿題を手伝って',
        bot: [{ says: 'カード番号はチャットに入力しないでください' }],
      },
    ],
    recorded: [{ event: 'question', outcome: 'fallback', text: '[カード番号] で払えません、宿題を手伝って' }],
  },
];

let engine: FaqEngine;
let knowledgeBase: KnowledgeBase;
let dir: string;
beforeAll(async () => {
  ({ engine, knowledgeBase } = await realEngine());
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dialogs-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function repliesTo(client: DialogTestClient, text: string): Promise<Partial<Activity>[]> {
  const replies: Partial<Activity>[] = [];
  for (let reply = await client.sendActivity(text); reply; reply = client.getNextReply()) replies.push(reply);
  return replies;
}

const buttonTitles = (activity: Partial<Activity>) =>
  activity.suggestedActions?.actions.map((action) => action.title) ?? [];

describe('the main dialog', () => {
  it.each(cases)('$name', async ({ name, steps, recorded }) => {
    const file = path.join(dir, `${name.length}-${Date.now()}.jsonl`);
    const analytics = createJsonlAnalytics(file, createLogger('silent'));
    const dialog = new MainDialog({ engine, knowledgeBase, analytics });
    const client = new DialogTestClient(
      'webchat',
      dialog,
      undefined,
      [],
      new ConversationState(new MemoryStorage()),
    );

    for (const step of steps) {
      const replies = await repliesTo(client, step.user);
      expect(replies.map((reply) => reply.text)).toHaveLength(step.bot.length);
      step.bot.forEach((expected, i) => {
        expect(replies[i]?.text).toContain(expected.says);
        if (expected.buttons) expect(buttonTitles(replies[i] ?? {})).toEqual(expected.buttons);
      });
    }

    await analytics.flush();
    expect(recordedEvents(file)).toMatchObject(recorded.map((event) => ({ channel: 'webchat', ...event })));
    expect(fs.readFileSync(file, 'utf8')).not.toMatch(/4111/);
  });

  it('keeps a card number out of the stored conversation while asking which question was meant', async () => {
    const memory: Record<string, string> = {};
    const analytics = createJsonlAnalytics(path.join(dir, 'stored.jsonl'), createLogger('silent'));
    const dialog = new MainDialog({ engine, knowledgeBase, analytics });
    const state = new ConversationState(new MemoryStorage(memory));
    const client = new DialogTestClient('webchat', dialog, undefined, [], state);

    const replies = await repliesTo(client, '3Dセキュアについて 5555-5555-5555-4444');
    expect(replies[0]?.text).toContain('どちらのご質問ですか');
    expect(replies[0]?.text).toContain('カード番号はチャットに入力しないでください');
    const stored = JSON.stringify(memory);
    expect(stored).toContain('[カード番号]');
    expect(stored).not.toContain('5555');
  });
});
