import { loadTokenizer } from '../../../src/nlu';
import { flexTexts, pageButtons, shownText } from '../../helpers/line-message-view';
import type { RecordedRequest } from './fake-line-api';
import { type LineTestApp, startLineTestApp } from './line-app';
import {
  CHANNEL_ACCESS_TOKEN,
  lineEvent,
  postWebhook,
  textEvent,
  USER_ID,
  waitFor,
  webhookBody,
} from './line-webhook-client';

const HELP = '次のようなご質問にお答えします';
const WELCOME = '下のボタンからお選びください';

let line: LineTestApp;
beforeAll(async () => {
  line = await startLineTestApp(await loadTokenizer());
});
afterAll(() => line.close());

/** The reply LINE received for a reply token (waiting for it to arrive). */
function replyFor(replyToken: string): Promise<RecordedRequest> {
  return waitFor(`a reply with ${replyToken}`, () => line.fake.repliesTo(replyToken)[0]);
}

const texts = (reply: RecordedRequest) => (reply.body.messages ?? []).map(shownText).join('\n');
const RAKUTEN_PAGE = 'https://www.rakuten-card.co.jp/security/3d-secure/';

describe('LINE conversation', () => {
  it('answers a signed text message with the FAQ answer, plain text and quick replies, authorized by the channel token', async () => {
    const event = textEvent('ワンタイムパスワードはどこに届きますか');
    const { status } = await postWebhook(line.app.url, webhookBody(event));
    expect(status).toBe(200);

    const reply = await replyFor(event.replyToken);
    expect(reply.method).toBe('POST');
    expect(reply.path).toBe('/v2/bot/message/reply');
    expect(reply.headers.authorization).toBe(`Bearer ${CHANNEL_ACCESS_TOKEN}`);
    const messages = reply.body.messages ?? [];
    // The answer, then the bot's offer of the card company's page, which carries the buttons.
    expect(messages).toHaveLength(2);
    expect(messages[0]!.type).toBe('text');
    expect(messages[0]!.text).toContain('SMS');
    expect(messages[0]!.text).not.toMatch(/ {2}\n|\*\*|\]\(/);
    expect(messages[0]!.quickReply).toBeUndefined();
    const items = messages[1]!.quickReply?.items ?? [];
    expect(items.length).toBeGreaterThan(0);
    expect(items.map((item) => item.action.text)).toContain(
      '今まで使えていたカードがエラーになるのはなぜですか',
    );
    for (const item of items) {
      expect(item.action.type).toBe('message');
      expect(item.action.label.length).toBeLessThanOrEqual(20);
    }
  });

  it('carries a conversation over webhooks: 「はい」 to the offer, a company by its nickname, a rating by its quick reply', async () => {
    const user = { type: 'user' as const, userId: 'U00000000000000000000000000conv01' };
    const say = async (text: string) => {
      const event = textEvent(text, user);
      await postWebhook(line.app.url, webhookBody(event));
      return (await replyFor(event.replyToken)).body.messages ?? [];
    };
    const answer = await say('ワンタイムパスワードはどこに届きますか');
    expect(answer.at(-1)?.text).toBe(
      'ご利用のクレジットカード会社の3Dセキュアのページをご案内しましょうか？',
    );
    const choice = await say('はい');
    expect(choice[0]?.text).toContain('19. 楽天カード');
    const page = await say('楽天');
    expect(page[0]?.type).toBe('flex');
    expect(pageButtons(page[0]!)).toEqual([{ label: '楽天カード', uri: RAKUTEN_PAGE }]);
    const rating = page.at(-1)?.quickReply?.items.find((item) => item.action.label === 'はい');
    expect(page.at(-1)?.text).toBe('この回答は役に立ちましたか？');
    const thanks = await say((rating!.action as { text: string }).text);
    expect(thanks.map((message) => message.text)).toEqual([
      expect.stringContaining('ご回答ありがとうございます'),
    ]);
  });

  it('answers a question naming a card company with a Flex message whose button opens that company’s page', async () => {
    const event = textEvent('楽天カードで3Dセキュアの登録はどこでしますか');
    await postWebhook(line.app.url, webhookBody(event));
    const messages = (await replyFor(event.replyToken)).body.messages ?? [];
    const answer = messages.find((message) => message.type === 'flex')!;
    expect(answer).toBeDefined();
    expect(pageButtons(answer)).toEqual([{ label: '楽天カード', uri: RAKUTEN_PAGE }]);
    expect(flexTexts(answer).join('\n')).toContain('楽天カードの3Dセキュア');
    // What a notification shows: the answer's own words, plain, without the link's address.
    expect(answer.altText).toBe(flexTexts(answer).join('\n\n'));
    expect(answer.altText).toContain('楽天カードの3Dセキュア');
    expect(answer.altText).not.toMatch(/https?:|\*\*|\]\(|\[|<|>/);
    expect(answer.altText!.length).toBeLessThanOrEqual(1500);
    // The buttons of the bot's question after it still work.
    const items = messages.at(-1)?.quickReply?.items ?? [];
    expect(items.map((item) => item.action.label)).toEqual(expect.arrayContaining(['はい', 'いいえ']));
  });

  it('shows a brand’s page on a button named after the brand, the name of its programme above it', async () => {
    const event = textEvent('VISAの3Dセキュアのページ');
    await postWebhook(line.app.url, webhookBody(event));
    const [page] = (await replyFor(event.replyToken)).body.messages ?? [];
    expect(pageButtons(page!)).toEqual([
      { label: 'Visa', uri: 'https://www.visa.co.jp/pay-with-visa/security/secure-online-shopping.html' },
    ]);
    expect(flexTexts(page!)).toContain('Visa「Visa Secure」');
  });

  it('answers every event of one webhook, each with its own reply token', async () => {
    const events = [
      textEvent('3Dセキュアとは'),
      textEvent('コンビニ払いにしたい'),
      lineEvent('message', { message: { type: 'sticker', id: '1', packageId: '446', stickerId: '1988' } }),
    ];
    expect((await postWebhook(line.app.url, webhookBody(...events))).status).toBe(200);
    const [about, store, sticker] = await Promise.all(events.map((event) => replyFor(event.replyToken)));
    expect(texts(about!)).toContain('インターネット上でクレジットカード決済');
    expect(texts(store!)).toContain('コンビニエンスストア決済');
    expect(texts(sticker!)).toContain(HELP);
    for (const event of events) expect(line.fake.repliesTo(event.replyToken)).toHaveLength(1);
  });

  it.each([
    [
      'a sticker',
      { type: 'sticker', id: '2', packageId: '446', stickerId: '1988', stickerResourceType: 'STATIC' },
    ],
    ['an image', { type: 'image', id: '3', contentProvider: { type: 'line' } }],
    ['an audio message', { type: 'audio', id: '4', duration: 6000, contentProvider: { type: 'line' } }],
    [
      'a location',
      {
        type: 'location',
        id: '5',
        title: '東京駅',
        address: '東京都千代田区丸の内',
        latitude: 35.68,
        longitude: 139.76,
      },
    ],
  ])('answers %s with the help message', async (_name, message) => {
    const event = lineEvent('message', { message });
    await postWebhook(line.app.url, webhookBody(event));
    const reply = await replyFor(event.replyToken);
    expect(texts(reply)).toContain(HELP);
    expect(reply.body.messages?.at(-1)?.quickReply?.items.length).toBeGreaterThan(0);
  });

  it('welcomes a user who adds the account as a friend', async () => {
    const event = lineEvent('follow', { follow: { isUnblocked: false } });
    await postWebhook(line.app.url, webhookBody(event));
    const reply = await replyFor(event.replyToken);
    expect(texts(reply)).toContain(WELCOME);
    expect(reply.body.messages?.at(-1)?.quickReply?.items.length).toBeGreaterThanOrEqual(3);
  });

  it.each([
    ['a group', { type: 'group', groupId: 'C0123456789abcdef0123456789abcdef', userId: USER_ID }],
    ['a room', { type: 'room', roomId: 'R0123456789abcdef0123456789abcdef', userId: USER_ID }],
  ] as const)('answers a text message in %s like a one-to-one chat', async (_name, source) => {
    const event = textEvent('ワンタイムパスワードはどこに届きますか', source);
    await postWebhook(line.app.url, webhookBody(event));
    expect(texts(await replyFor(event.replyToken))).toContain('SMS');
  });

  it('ignores unfollow, join, leave, postback and unknown events without replying', async () => {
    const ignored = [
      lineEvent('unfollow', { replyToken: undefined }),
      lineEvent('join', {}, { type: 'group', groupId: 'C0123456789abcdef0123456789abcdef' }),
      lineEvent(
        'leave',
        { replyToken: undefined },
        { type: 'group', groupId: 'C0123456789abcdef0123456789abcdef' },
      ),
      lineEvent('postback', { postback: { data: 'action=buy' } }),
      lineEvent('somethingNew', {}),
      lineEvent('message', { message: { type: 'somethingNew', id: '6' } }),
    ];
    const answered = textEvent('ありがとう');
    expect((await postWebhook(line.app.url, webhookBody(...ignored, answered))).status).toBe(200);
    await replyFor(answered.replyToken);
    const ignoredIds = ignored.map((event) => event.webhookEventId);
    await waitFor('the ignored events in the log', () => {
      const logged = line.logEntries('LINE event ignored').map((entry) => entry.webhookEventId);
      return ignoredIds.every((id) => logged.includes(id)) ? true : undefined;
    });
    for (const event of ignored) expect(line.fake.repliesTo(event.replyToken ?? '')).toHaveLength(0);
  });

  it('answers a redelivered event at most once', async () => {
    const event = textEvent('3Dセキュアとは');
    await postWebhook(line.app.url, webhookBody(event));
    await replyFor(event.replyToken);
    const redelivered = {
      ...event,
      replyToken: 'reply-token-redelivered',
      deliveryContext: { isRedelivery: true },
    };
    expect((await postWebhook(line.app.url, webhookBody(redelivered))).status).toBe(200);
    await waitFor('the skipped redelivery in the log', () =>
      line
        .logEntries('LINE event skipped: already received')
        .find((entry) => entry.webhookEventId === event.webhookEventId),
    );
    expect(line.fake.repliesTo('reply-token-redelivered')).toHaveLength(0);
    expect(line.fake.repliesTo(event.replyToken)).toHaveLength(1);
  });

  it('warns about a card number and keeps it out of the reply and the log', async () => {
    const event = textEvent('4111 1111 1111 1111 のカードが使えません');
    await postWebhook(line.app.url, webhookBody(event));
    const reply = await replyFor(event.replyToken);
    expect(texts(reply)).toContain('カード番号はチャットに入力しないでください');
    await waitFor('the answered event in the log', () =>
      line.logEntries('LINE event answered').find((entry) => entry.webhookEventId === event.webhookEventId),
    );
    const everything = `${JSON.stringify(reply.body)}\n${line.logLines.join('')}`;
    expect(everything).not.toMatch(/4111[\s-]*1111/);
  });

  it('never writes message text, user ids or the channel token to the log', async () => {
    const event = textEvent('楽天カードで3Dセキュアの登録をしたい');
    await postWebhook(line.app.url, webhookBody(event));
    await replyFor(event.replyToken);
    const log = line.logLines.join('');
    expect(log).not.toContain('楽天カード');
    expect(log).not.toContain(USER_ID);
    expect(log).not.toContain(CHANNEL_ACCESS_TOKEN);
  });
});
