import type { messagingApi } from '@line/bot-sdk';
import { createQuestions } from '../../../dialogs/questions';
import type { BotMessage, Button } from '../../../src/bot/bot-message';
import {
  ELLIPSIS,
  LINE_CHANNEL,
  LINE_LIMITS,
  lineMessages,
  renderForLine,
} from '../../../src/channels/line/line-render';
import { FAQ_INTENTS, loadKnowledgeBase } from '../../../src/nlu';

const knowledgeBase = loadKnowledgeBase();
const questions = createQuestions(knowledgeBase);

const button = (label: string, sends = `${label}について教えてください`): Button => ({
  title: label,
  label,
  sends,
});
const note = (
  text: string,
  buttons: Button[] = [],
  links: { title: string; url: string }[] = [],
): BotMessage => ({
  kind: 'note',
  text,
  links,
  buttons,
});

/** A paragraph of `sentences` Japanese sentences, numbered so that each one can be found again. */
function paragraph(id: number, sentences: number): string {
  return Array.from(
    { length: sentences },
    (_s, i) => `第${id}段落の${i + 1}文目は本人認証サービスについての説明です。`,
  ).join('');
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const labelsOf = (message: messagingApi.TextMessage) =>
  (message.quickReply?.items ?? []).map((item) => (item.action as { label: string }).label);

describe('rendering for LINE', () => {
  it('writes links as the name and the bare URL on the next line, in plain text', () => {
    const [rendered] = lineMessages([
      note('楽天カードのページです。', [], [{ title: '楽天カード', url: 'https://example.jp/r' }]),
    ]);
    expect(rendered?.text).toBe('楽天カードのページです。\n\n楽天カード\nhttps://example.jp/r');
  });

  it('sends one text message per short reply, with its buttons as quick replies', () => {
    expect(
      lineMessages([note('こんにちは。', [button('3Dセキュアとは', '3Dセキュア 2.0とは何ですか')])]),
    ).toEqual([
      {
        type: 'text',
        text: 'こんにちは。',
        quickReply: {
          items: [
            {
              type: 'action',
              action: { type: 'message', label: '3Dセキュアとは', text: '3Dセキュア 2.0とは何ですか' },
            },
          ],
        },
      },
    ]);
  });

  it('lists the whole titles of a question, numbered, when its buttons carry short labels', () => {
    const question = questions.ask({
      kind: 'clarify',
      choices: ['about_3ds', 'issuer_links'],
      issuer: null,
      wording: '',
    });
    const [rendered] = lineMessages([question]);
    expect(rendered?.text).toBe(
      [
        'ご質問の内容を確認させてください。どちらのご質問ですか。',
        '',
        '1. 本人認証サービス（3Dセキュア 2.0）とは',
        '2. クレジットカード会社の3Dセキュアのページ',
        '3. どれでもない',
      ].join('\n'),
    );
    expect(labelsOf(rendered!)).toEqual(['3Dセキュアとは', 'カード会社のページ', 'どれでもない']);
  });

  it('writes every button label to fit LINE, so that none is cut', () => {
    const asked = [
      ...FAQ_INTENTS.map((intent) => questions.ask({ kind: 'feedback', intent })),
      ...FAQ_INTENTS.map((intent) => questions.ask({ kind: 'cardCompanyOffer', intent })),
      questions.ask({ kind: 'cardCompanyChoice', intent: 'issuer_links' }),
    ];
    const labels = asked.flatMap((question) => lineMessages([question]).flatMap(labelsOf));
    const fromData = [...knowledgeBase.answers.values()].map((answer) => answer.label);
    expect(labels.length).toBeGreaterThan(40);
    for (const label of [...labels, ...fromData, ...knowledgeBase.cardCompanies.map((c) => c.name)]) {
      expect({
        label,
        fits: [...label].length <= LINE_LIMITS.quickReplyLabelLength && !label.endsWith(ELLIPSIS),
      }).toEqual({
        label,
        fits: true,
      });
    }
  });

  it('shows the card companies as a numbered list under their headings, and 「わからない」 and 「不要です」 as quick replies', () => {
    const [rendered] = lineMessages([questions.ask({ kind: 'cardCompanyChoice', intent: 'issuer_links' })]);
    expect(rendered?.text).toContain('【クレジットカード会社】\n1. au PAY カード\n2. PayPay カード');
    expect(rendered?.text).toContain('19. 楽天カード\n【国際ブランド】\n20. Visa「Visa Secure」');
    expect(rendered?.text).toContain('24. Diners Club「ProtectBuy（R）」');
    expect(rendered?.text).toContain('令和7年3月27日現在');
    expect(rendered?.text).not.toContain('https://');
    expect(labelsOf(rendered!)).toEqual(['わからない', '不要です']);
  });

  it('splits a long reply between paragraphs, each message within 5,000 characters', () => {
    const paragraphs = Array.from({ length: 12 }, (_p, i) => paragraph(i + 1, 30)); // ~1,000 characters each
    const rendered = lineMessages([note(paragraphs.join('\n\n'))]);
    expect(rendered.length).toBeGreaterThan(1);
    expect(rendered.length).toBeLessThanOrEqual(LINE_LIMITS.messagesPerReply);
    for (const { text } of rendered) expect(text.length).toBeLessThanOrEqual(LINE_LIMITS.textLength);
    expect(rendered.map((m) => m.text).join('\n\n')).toBe(paragraphs.join('\n\n'));
  });

  it('splits one paragraph longer than a message after a sentence, never inside one', () => {
    const long = paragraph(1, 300); // ~10,000 characters, no line breaks
    const rendered = lineMessages([note(long)]);
    expect(rendered.length).toBeGreaterThan(1);
    for (const { text } of rendered) {
      expect(text.length).toBeLessThanOrEqual(LINE_LIMITS.textLength);
      expect(text.endsWith('です。')).toBe(true);
    }
    expect(rendered.map((m) => m.text).join('')).toBe(long);
  });

  it('keeps at most 5 messages and ends the last one with an ellipsis after a whole sentence', () => {
    const paragraphs = Array.from({ length: 40 }, (_p, i) => paragraph(i + 1, 30)); // ~40,000 characters
    const rendered = lineMessages([note(paragraphs.join('\n\n'))]);
    expect(rendered).toHaveLength(LINE_LIMITS.messagesPerReply);
    for (const { text } of rendered) expect(text.length).toBeLessThanOrEqual(LINE_LIMITS.textLength);
    const last = rendered.at(-1)!.text;
    expect(last.endsWith(`です。${ELLIPSIS}`)).toBe(true);
    expect(last.length).toBeGreaterThan(LINE_LIMITS.textLength / 2);
    const shown = rendered.map((m) => m.text).join('\n\n');
    expect(paragraphs.join('\n\n').startsWith(shown.slice(0, -ELLIPSIS.length))).toBe(true);
  });

  it('cuts text without any break at the limit without splitting an emoji', () => {
    const rendered = lineMessages([note('😀'.repeat(6000))]);
    expect(rendered).toHaveLength(3);
    for (const { text } of rendered) {
      expect(text.length).toBeLessThanOrEqual(LINE_LIMITS.textLength);
      expect(text).not.toMatch(LONE_SURROGATE);
    }
  });

  it('puts a sixth short message into the fifth without cutting anything', () => {
    const rendered = lineMessages(
      ['一', '二', '三', '四', '五', '六'].map((n) => note(`${n}番目のお知らせです。`)),
    );
    expect(rendered.map((m) => m.text)).toEqual([
      '一番目のお知らせです。',
      '二番目のお知らせです。',
      '三番目のお知らせです。',
      '四番目のお知らせです。',
      '五番目のお知らせです。\n\n六番目のお知らせです。',
    ]);
  });

  it('offers at most 13 quick replies, on the last message only', () => {
    const buttons = Array.from({ length: 20 }, (_b, i) => button(`${i + 1}番目のボタン`));
    const paragraphs = Array.from({ length: 12 }, (_p, i) => paragraph(i + 1, 30));
    const rendered = lineMessages([note(paragraphs.join('\n\n'), buttons)]);
    expect(rendered.length).toBeGreaterThan(1);
    for (const earlier of rendered.slice(0, -1)) expect(earlier.quickReply).toBeUndefined();
    expect(labelsOf(rendered.at(-1)!)).toEqual(
      buttons.slice(0, LINE_LIMITS.quickReplyItems).map((b) => b.label),
    );
  });

  it('carries the messages rendered for LINE through the bot’s turn to the bridge unchanged', () => {
    const messages = [note('答えです。'), questions.ask({ kind: 'feedback', intent: 'otp_delivery' })];
    expect(renderForLine(LINE_CHANNEL.render(messages))).toEqual(lineMessages(messages));
  });

  it('sends the apology of a failed turn, a plain activity, as its text', () => {
    expect(renderForLine([{ type: 'message', text: '申し訳ありません。' }])).toEqual([
      { type: 'text', text: '申し訳ありません。' },
    ]);
  });

  it('has nothing to send for typing or an empty message', () => {
    expect(renderForLine([{ type: 'typing' }, { type: 'message', text: '   ' }])).toEqual([]);
  });
});
