/**
 * Conversations as tables of [user says, bot does] steps, run against the real bot and engine
 * through the in-process adapter and seen as each channel shows them: Web Chat (Markdown and
 * suggested actions), LINE (plain text and quick replies) and Teams (Adaptive Cards). A step's
 * `says` are phrases the user reads in the bot's reply, in that order; `buttons` are what the
 * buttons of the last bubble send, in order; `never` are phrases that must not appear.
 */
import type { AnalyticsEvent } from '../../src/analytics/analytics-event';
import { LINE_LIMITS } from '../../src/channels/line/line-render';
import { type FaqIntent, type KnowledgeBase, loadKnowledgeBase } from '../../src/nlu';
import { adaptiveCardProblems } from '../helpers/adaptive-card';
import {
  CHANNELS,
  type ChannelClient,
  channelClient,
  type ChannelName,
  type SeenMessage,
} from '../helpers/channel-client';

type UserSays = string | { readonly press: string } | { readonly choose: string };

interface BotDoes {
  readonly says: readonly string[];
  readonly buttons?: readonly string[];
  readonly never?: readonly string[];
}

interface Step {
  readonly user: UserSays;
  readonly bot: BotDoes;
}

interface Case {
  readonly name: string;
  /** The channels the conversation runs on (Teams staff are not offered the company's page). */
  readonly channels?: readonly ChannelName[];
  readonly steps: readonly Step[];
  /** The analytics events of the whole conversation, in order, each matched as a subset. */
  readonly recorded?: readonly Partial<AnalyticsEvent>[];
}

const knowledgeBase: KnowledgeBase = loadKnowledgeBase();
const question = (intent: FaqIntent) => knowledgeBase.answers.get(intent)!.question;
const related = (intent: FaqIntent) =>
  knowledgeBase.answers.get(intent)!.next.map((next) => question(next as FaqIntent));
const TOPICS = knowledgeBase.answers.get('help')!.next.map((next) => question(next as FaqIntent));
const YES_NO = ['はい', 'いいえ'];

const OTP = question('otp_delivery');
const STORE = question('convenience_store');
const OFFER = 'ページをご案内しましょうか';
const CHOICE = '番号か名前でお知らせください';
const FEEDBACK = 'この回答は役に立ちましたか';
/** What an out-of-scope question gets (the help message says the center cannot tell an error's cause). */
const CANNOT = 'そのご質問には、このチャットではお答えできません';
const DESK = 'クレジットカードの裏面に記載されているお問い合わせ窓口';
const WEB_AND_LINE: readonly ChannelName[] = ['webchat', 'line'];

const cases: readonly Case[] = [
  {
    name: 'offers the company page after an answer that sends the user there, and shows the company named in reply to 「はい」',
    channels: WEB_AND_LINE,
    steps: [
      { user: OTP, bot: { says: ['SMS', OFFER], buttons: [...YES_NO, ...related('otp_delivery')] } },
      {
        user: 'はい',
        bot: {
          says: [CHOICE, '楽天カード', '国際ブランド', '令和7年3月27日現在'],
          buttons: ['わからない', '不要です'],
        },
      },
      {
        user: '楽天',
        bot: {
          says: ['楽天カードの3Dセキュア', 'rakuten-card.co.jp', FEEDBACK],
          buttons: [...YES_NO, ...related('otp_delivery')],
        },
      },
      { user: { press: 'はい' }, bot: { says: ['ご回答ありがとうございます'], buttons: [] } },
    ],
    recorded: [
      { event: 'question', outcome: 'answered', intent: 'otp_delivery' },
      { event: 'feedback', intent: 'otp_delivery', helpful: true },
    ],
  },
  {
    name: 'takes a typed number as that button, and a full-width number as that company of the list',
    channels: WEB_AND_LINE,
    steps: [
      { user: question('error_cause'), bot: { says: ['エラーの原因', OFFER] } },
      { user: '1', bot: { says: [CHOICE] } },
      { user: '１９', bot: { says: ['楽天カードの3Dセキュア', FEEDBACK] } },
    ],
  },
  {
    name: 'shows the page at once when the company is named in reply to the offer',
    channels: WEB_AND_LINE,
    steps: [
      { user: OTP, bot: { says: [OFFER] } },
      { user: 'JCBです', bot: { says: ['JCBの3Dセキュア', 'jcb.jp', FEEDBACK], never: [CANNOT] } },
    ],
  },
  {
    name: 'tells where the contact desk is when the user does not know the company',
    channels: WEB_AND_LINE,
    steps: [
      { user: OTP, bot: { says: [OFFER] } },
      {
        user: 'カード会社がわからない',
        bot: { says: [DESK, FEEDBACK], never: [CANNOT, 'どちらのご質問ですか'] },
      },
    ],
  },
  {
    name: 'goes on to the feedback question when the offer is declined, and offers the page only once a conversation',
    channels: WEB_AND_LINE,
    steps: [
      { user: OTP, bot: { says: [OFFER] } },
      { user: 'いいえ', bot: { says: ['承知しました', FEEDBACK], never: [CANNOT] } },
      { user: 'ありがとう', bot: { says: ['ご回答ありがとうございます'] } },
      {
        user: question('how_to_register'),
        bot: { says: ['クレジットカード会社によって異なります', FEEDBACK], never: [OFFER] },
      },
    ],
    recorded: [
      { event: 'question', intent: 'otp_delivery' },
      { event: 'feedback', intent: 'otp_delivery', helpful: true },
      { event: 'question', intent: 'how_to_register' },
    ],
  },
  {
    name: 'asks Teams staff whether the answer helped right after it, without offering the company page',
    channels: ['msteams'],
    steps: [
      {
        user: OTP,
        bot: { says: ['SMS', FEEDBACK], buttons: [...YES_NO, ...related('otp_delivery')], never: [OFFER] },
      },
      { user: { press: 'はい' }, bot: { says: ['ご回答ありがとうございます'] } },
    ],
    recorded: [
      { event: 'question', intent: 'otp_delivery' },
      { event: 'feedback', intent: 'otp_delivery', helpful: true },
    ],
  },
  {
    name: 'asks the card company, from the list, when the company pages are asked for, and shows the one picked',
    steps: [
      {
        user: question('issuer_links'),
        bot: {
          says: ['ご利用のクレジットカード会社のページでご確認いただけます', CHOICE],
          buttons: ['わからない', '不要です'],
        },
      },
      {
        user: { choose: 'エポスカード' },
        bot: { says: ['エポスカードの3Dセキュア', 'eposcard.co.jp', FEEDBACK] },
      },
    ],
  },
  {
    name: 'tells where the contact desk is for a company not in the list',
    steps: [
      { user: question('issuer_links'), bot: { says: [CHOICE] } },
      { user: '一覧にない', bot: { says: [DESK, FEEDBACK], never: [CANNOT] } },
    ],
  },
  {
    name: 'answers a question typed while the company list is shown, so nobody is stuck in it',
    steps: [
      { user: question('issuer_links'), bot: { says: [CHOICE] } },
      { user: OTP, bot: { says: ['SMS', FEEDBACK], never: [OFFER, CHOICE] } },
    ],
  },
  {
    name: 'asks which question was meant when two are close, and answers the one picked by its number',
    steps: [
      {
        user: '3Dセキュアについて知りたい',
        bot: {
          says: ['どちらのご質問ですか'],
          buttons: [question('about_3ds'), question('issuer_links'), 'どれでもない'],
        },
      },
      {
        user: '1',
        bot: {
          says: ['ご本人であることを確認するサービス', FEEDBACK],
          buttons: [...YES_NO, ...related('about_3ds')],
        },
      },
    ],
    recorded: [
      { event: 'question', outcome: 'clarify', intent: 'about_3ds' },
      { event: 'clarification', intent: 'about_3ds' },
    ],
  },
  {
    name: 'apologizes and offers the topics, without saying it cannot answer, when none of the choices fits',
    steps: [
      { user: '3Dセキュアについて知りたい', bot: { says: ['どちらのご質問ですか'] } },
      { user: { press: 'どれでもない' }, bot: { says: ['別の言葉で'], buttons: TOPICS, never: [CANNOT] } },
    ],
    recorded: [
      { event: 'question', outcome: 'clarify' },
      { event: 'clarification', intent: 'none', text: '3Dセキュアについて知りたい' },
    ],
  },
  {
    name: 'asks again when a bare 「はい」 does not answer which question was meant, then takes the pick',
    steps: [
      { user: '3Dセキュアについて知りたい', bot: { says: ['どちらのご質問ですか'] } },
      { user: 'はい', bot: { says: ['恐れ入りますが', 'どちらのご質問ですか'], never: [CANNOT] } },
      { user: { press: question('issuer_links') }, bot: { says: [CHOICE] } },
      { user: { choose: '楽天カード' }, bot: { says: ['楽天カードの3Dセキュア', FEEDBACK] } },
    ],
  },
  {
    name: 'answers a new question asked instead of a choice, and takes 「２」 as 「いいえ」 to its feedback question',
    steps: [
      { user: '3Dセキュアについて知りたい', bot: { says: ['どちらのご質問ですか'] } },
      {
        user: STORE,
        bot: {
          says: ['コンビニエンスストア決済', FEEDBACK],
          buttons: [...YES_NO, ...related('convenience_store')],
        },
      },
      { user: '２', bot: { says: ['お役に立てず申し訳ありません'], buttons: TOPICS } },
    ],
    recorded: [
      { event: 'question', outcome: 'clarify' },
      { event: 'question', outcome: 'answered', intent: 'convenience_store' },
      { event: 'feedback', intent: 'convenience_store', helpful: false },
    ],
  },
  {
    name: 'answers the related question whose number is typed on the feedback question, without a rating',
    steps: [
      { user: STORE, bot: { says: [FEEDBACK] } },
      { user: '4', bot: { says: ['マイページからお支払い手続き', FEEDBACK] } },
    ],
    recorded: [
      { event: 'question', intent: 'convenience_store' },
      { event: 'question', intent: 'payment_retry' },
    ],
  },
  {
    name: 'closes the feedback question without a rating for 「了解」',
    steps: [
      { user: STORE, bot: { says: [FEEDBACK] } },
      { user: '了解', bot: { says: ['承知しました'], buttons: TOPICS, never: [CANNOT, 'どういたしまして'] } },
    ],
    recorded: [{ event: 'question', intent: 'convenience_store' }],
  },
  {
    name: 'never says it cannot answer a reply to a question the bot did not ask',
    steps: [
      {
        user: 'はい',
        bot: { says: ['承知しました', 'ご質問を入力するか'], buttons: TOPICS, never: [CANNOT] },
      },
      { user: '3', bot: { says: ['恐れ入りますが'], buttons: TOPICS, never: [CANNOT] } },
      { user: 'お願いします', bot: { says: ['承知しました'], never: [CANNOT, 'こんにちは'] } },
      { user: 'わからない', bot: { says: ['次のようなご質問にお答えします'], never: [CANNOT] } },
    ],
    recorded: [],
  },
  {
    name: 'adds the page of a company named in the question and does not offer it again',
    steps: [
      {
        user: '三井住友カードの3Dセキュア登録方法は？',
        bot: { says: ['smbc-card.com', FEEDBACK], never: [OFFER] },
      },
    ],
    recorded: [{ event: 'question', outcome: 'answered', intent: 'how_to_register', issuer: 'smbc' }],
  },
  {
    name: 'shows the page of a card company whose short name is the whole message, as a desk would take 「楽天」',
    steps: [
      {
        user: '楽天です。',
        bot: { says: ['楽天カードの3Dセキュア', 'rakuten-card.co.jp', FEEDBACK], never: [CANNOT, OFFER] },
      },
    ],
    recorded: [{ event: 'question', outcome: 'answered', intent: 'issuer_links', issuer: 'rakuten' }],
  },
  {
    name: 'says plainly it cannot answer an out-of-scope question, and asks nothing after it',
    steps: [
      {
        user: '領収書を発行してほしいです',
        bot: { says: [CANNOT], buttons: related('none' as FaqIntent), never: [FEEDBACK] },
      },
    ],
    recorded: [
      { event: 'question', outcome: 'fallback', intent: 'none', text: '領収書を発行してほしいです' },
    ],
  },
  {
    name: 'answers thanks without a feedback question',
    steps: [{ user: 'ありがとうございました', bot: { says: ['どういたしまして'], never: [FEEDBACK] } }],
    recorded: [{ event: 'question', outcome: 'answered', intent: 'thanks' }],
  },
];

/** The phrases, each found after the one before it. */
function expectInOrder(text: string, phrases: readonly string[]): void {
  let from = 0;
  for (const phrase of phrases) {
    const at = text.indexOf(phrase, from);
    expect({ phrase, found: at >= 0, in: at >= 0 ? '' : text }).toEqual({ phrase, found: true, in: '' });
    from = at + phrase.length;
  }
}

/** What every reply must be on its channel, whatever it says. */
function expectFitsChannel(channel: ChannelName, bubbles: readonly SeenMessage[]): void {
  if (channel === 'line') {
    expect(bubbles.length).toBeLessThanOrEqual(LINE_LIMITS.messagesPerReply);
    for (const bubble of bubbles) {
      expect(bubble.text).not.toMatch(/\*\*|\]\(| {2}\n/);
      for (const button of bubble.buttons) {
        expect([...button.title].length).toBeLessThanOrEqual(LINE_LIMITS.quickReplyLabelLength);
        expect(button.title.endsWith('…')).toBe(false);
      }
    }
  }
  if (channel === 'msteams') {
    for (const bubble of bubbles) {
      const card = (bubble.raw as { attachments: { content: unknown }[] }).attachments[0]!.content;
      expect(adaptiveCardProblems(card)).toEqual([]);
      expect(JSON.stringify(bubble.raw).length * 2).toBeLessThan(28 * 1024);
    }
  }
}

async function userSays(client: ChannelClient, says: UserSays): Promise<SeenMessage[]> {
  if (typeof says === 'string') return client.say(says);
  return 'press' in says ? client.press(says.press) : client.choose(says.choose);
}

const runs = cases.flatMap((testCase) =>
  (testCase.channels ?? CHANNELS).map((channel) => ({ ...testCase, channel })),
);

describe('a conversation', () => {
  it.each(runs)('$name (on $channel)', async ({ channel, steps, recorded }) => {
    const client = await channelClient(channel);
    for (const step of steps) {
      const bubbles = await userSays(client, step.user);
      const text = bubbles.map((bubble) => bubble.text).join('\n');
      expectInOrder(text, step.bot.says);
      for (const phrase of step.bot.never ?? [])
        expect({ phrase, shown: text.includes(phrase) }).toEqual({ phrase, shown: false });
      if (step.bot.buttons) {
        const last = bubbles.at(-1)?.buttons.filter((button) => button.sends !== '') ?? [];
        expect(last.map((button) => button.sends)).toEqual(step.bot.buttons);
      }
      expectFitsChannel(channel, bubbles);
    }
    if (recorded) {
      expect(await client.recorded()).toEqual(
        recorded.map((event) => expect.objectContaining({ channel, ...event })),
      );
    }
  });
});

describe('a rating, however it is spelled', () => {
  it.each([
    ['はい', true],
    ['ハイ！', true],
    ['1', true],
    ['ありがとうございます', true],
    ['助かりました', true],
    ['いいえ', false],
    ['いいえ。', false],
    ['２', false],
    ['役に立たなかった', false],
  ] as const)('records 「%s」 as helpful: %s', async (rating, helpful) => {
    const client = await channelClient('webchat');
    await client.say(STORE);
    await client.say(rating);
    expect(await client.recorded()).toEqual([
      expect.objectContaining({ event: 'question', intent: 'convenience_store' }),
      expect.objectContaining({ event: 'feedback', intent: 'convenience_store', helpful }),
    ]);
  });
});

describe('Teams cards', () => {
  it('rate the answer on their own card when a feedback button is pressed after a later question', async () => {
    const client = await channelClient('msteams');
    const [first] = await client.say(OTP);
    await client.say(STORE);
    const yes = first!.buttons.find((button) => button.title === 'はい')!;
    const [thanks] = await client.send(yes.press());
    expect(thanks!.text).toContain('ご回答ありがとうございます');
    expect(await client.recorded()).toContainEqual(
      expect.objectContaining({ event: 'feedback', intent: 'otp_delivery', helpful: true }),
    );
  });
});
