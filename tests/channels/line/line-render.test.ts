import { createQuestions } from '../../../dialogs/questions';
import type { BotMessage, Button } from '../../../src/bot/bot-message';
import {
  ELLIPSIS,
  FLEX_LIMITS,
  LINE_CHANNEL,
  LINE_LIMITS,
  type LineMessage,
  lineMessages,
  renderForLine,
} from '../../../src/channels/line/line-render';
import { cardCompanyLink } from '../../../src/nlu/compose-reply';
import { FAQ_INTENTS, type Link, loadKnowledgeBase } from '../../../src/nlu';
import { flexTexts, pageButtons, shownText } from '../../helpers/line-message-view';

const knowledgeBase = loadKnowledgeBase();
const questions = createQuestions(knowledgeBase);

const button = (label: string, sends = `${label}について教えてください`): Button => ({
  title: label,
  label,
  sends,
});
const note = (text: string, buttons: Button[] = [], links: Link[] = []): BotMessage => ({
  kind: 'note',
  text,
  links,
  buttons,
});

const RAKUTEN: Link = {
  title: '楽天カード',
  label: '楽天カード',
  url: 'https://www.rakuten-card.co.jp/security/3d-secure/',
};
const textOf = (message: LineMessage | undefined) => (message?.type === 'text' ? message.text : undefined);
const bubbleBytes = (message: LineMessage) =>
  message.type === 'flex' ? Buffer.byteLength(JSON.stringify(message.contents)) : 0;

/** A paragraph of `sentences` Japanese sentences, numbered so that each one can be found again. */
function paragraph(id: number, sentences: number): string {
  return Array.from(
    { length: sentences },
    (_s, i) => `第${id}段落の${i + 1}文目は本人認証サービスについての説明です。`,
  ).join('');
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const labelsOf = (message: LineMessage) =>
  (message.quickReply?.items ?? []).map((item) => (item.action as { label: string }).label);

describe('rendering for LINE', () => {
  it('sends a reply with a link as a Flex message: the text in a bubble, a button that opens the page, the text alone as altText', () => {
    const rendered = lineMessages([
      note('楽天カードの3Dセキュアについては、次のページをご確認ください。', [], [RAKUTEN]),
    ]);
    expect(rendered).toEqual([
      {
        type: 'flex',
        altText: '楽天カードの3Dセキュアについては、次のページをご確認ください。',
        contents: expect.objectContaining({ type: 'bubble' }),
      },
    ]);
    expect(flexTexts(rendered[0]!)).toEqual([
      '楽天カードの3Dセキュアについては、次のページをご確認ください。',
    ]);
    expect(pageButtons(rendered[0]!)).toEqual([{ label: '楽天カード', uri: RAKUTEN.url }]);
  });

  it('keeps a reply without links plain text', () => {
    expect(lineMessages([note('3Dセキュアは本人認証サービスです。')])).toEqual([
      { type: 'text', text: '3Dセキュアは本人認証サービスです。' },
    ]);
  });

  it('labels each card company’s button with its name, which fits LINE’s label whole, and opens its page', () => {
    const companies = knowledgeBase.cardCompanies;
    const rendered = lineMessages([note('ページです。', [], companies.map(cardCompanyLink))]);
    const buttons = rendered.flatMap(pageButtons);
    expect(buttons).toEqual(
      companies.slice(0, FLEX_LIMITS.buttons).map((company) => ({ label: company.name, uri: company.url })),
    );
    for (const company of companies) {
      const [button] = pageButtons(lineMessages([note('ページです。', [], [cardCompanyLink(company)])])[0]!);
      expect(button).toEqual({ label: company.name, uri: company.url });
      expect([...button!.label].length).toBeLessThanOrEqual(LINE_LIMITS.uriActionLabelLength);
    }
    // The programme's name is in the title; the button keeps the company's name, never a cut title.
    const amex = companies.find((company) => company.id === 'amex')!;
    expect(cardCompanyLink(amex).title.length).toBeGreaterThan(LINE_LIMITS.uriActionLabelLength);
  });

  it('writes the links beyond a bubble’s buttons, and those a button cannot open, in the text', () => {
    const links: Link[] = Array.from({ length: FLEX_LIMITS.buttons + 1 }, (_l, i) => ({
      title: `${i + 1}番目のページ`,
      label: `${i + 1}番目`,
      url: `https://example.jp/${i + 1}`,
    }));
    const phone: Link = { title: '電話窓口', label: '電話', url: 'tel:0120000000' };
    const tooLong: Link = {
      title: '長いアドレス',
      label: '長い',
      url: `https://example.jp/${'a'.repeat(1000)}`,
    };
    const [rendered] = lineMessages([note('ご案内です。', [], [phone, tooLong, ...links])]);
    expect(pageButtons(rendered!).map((b) => b.uri)).toEqual(links.slice(0, -1).map((link) => link.url));
    expect(flexTexts(rendered!).join('\n')).toContain(
      `電話窓口\ntel:0120000000\n長いアドレス\n${tooLong.url}\n${FLEX_LIMITS.buttons + 1}番目のページ\nhttps://example.jp/${FLEX_LIMITS.buttons + 1}`,
    );
  });

  it('cuts a button label only when the data breaks its rule, visibly', () => {
    const long: Link = { title: 'とても長い名前', label: 'あ'.repeat(30), url: 'https://example.jp/' };
    const [button] = pageButtons(lineMessages([note('ご案内です。', [], [long])])[0]!);
    expect(button!.label).toBe(`${'あ'.repeat(LINE_LIMITS.uriActionLabelLength - 1)}${ELLIPSIS}`);
  });

  it('puts the quick replies on a Flex message when it is the last one', () => {
    const [rendered] = lineMessages([
      note('ページです。', [button('3Dセキュアとは', '3Dセキュア 2.0とは何ですか')], [RAKUTEN]),
    ]);
    expect(rendered?.type).toBe('flex');
    expect(rendered?.quickReply?.items).toEqual([
      {
        type: 'action',
        action: { type: 'message', label: '3Dセキュアとは', text: '3Dセキュア 2.0とは何ですか' },
      },
    ]);
  });

  it('sends a long answer with links whole: text messages first, its end in the bubble, altText cut after a sentence', () => {
    const paragraphs = Array.from({ length: 8 }, (_p, i) => paragraph(i + 1, 30)); // ~8,000 characters
    const rendered = lineMessages([note(paragraphs.join('\n\n'), [], [RAKUTEN])]);
    const flex = rendered.at(-1)!;
    expect(rendered.slice(0, -1).every((message) => message.type === 'text')).toBe(true);
    expect(flex.type).toBe('flex');
    expect(pageButtons(flex)).toEqual([{ label: '楽天カード', uri: RAKUTEN.url }]);
    const shown = [...rendered.slice(0, -1).map(textOf), ...flexTexts(flex)].join('\n\n');
    expect(shown).toBe(paragraphs.join('\n\n'));
    expect(flexTexts(flex).join('\n\n').length).toBeLessThanOrEqual(FLEX_LIMITS.textLength);
    const { altText } = flex as { altText: string };
    expect(altText.length).toBeLessThanOrEqual(LINE_LIMITS.altTextLength);
    expect(altText.endsWith(`です。${ELLIPSIS}`)).toBe(true);
    expect(flexTexts(flex).join('\n\n').startsWith(altText.slice(0, -ELLIPSIS.length))).toBe(true);
  });

  it('keeps at most 5 messages when a very long answer has links, the last a bubble cut visibly with the buttons', () => {
    const paragraphs = Array.from({ length: 40 }, (_p, i) => paragraph(i + 1, 30)); // ~40,000 characters
    const rendered = lineMessages([note(paragraphs.join('\n\n'), [], [RAKUTEN])]);
    expect(rendered).toHaveLength(LINE_LIMITS.messagesPerReply);
    const last = rendered.at(-1)!;
    expect(pageButtons(last)).toEqual([{ label: '楽天カード', uri: RAKUTEN.url }]);
    expect(flexTexts(last).at(-1)!.endsWith(`です。${ELLIPSIS}`)).toBe(true);
  });

  it('keeps every bubble’s JSON within LINE’s 30 KB, whatever the characters', () => {
    const worst: Link = { title: 'ページ', label: 'ページ', url: `https://example.jp/${'a'.repeat(980)}` };
    // Pieces as full as a bubble takes them, of characters JSON writes longest (\u0001: 6 bytes).
    const full = FLEX_LIMITS.textLength * 3;
    for (const text of ['\u0001'.repeat(full), '😀'.repeat(full / 2), '"\\'.repeat(full / 2)]) {
      const links = Array.from({ length: FLEX_LIMITS.buttons }, () => worst);
      const rendered = lineMessages([note(text, [], links)]);
      expect(rendered.length).toBeLessThanOrEqual(LINE_LIMITS.messagesPerReply);
      for (const message of rendered) {
        expect(bubbleBytes(message)).toBeLessThan(LINE_LIMITS.bubbleBytes);
        expect(shownText(message)).not.toMatch(LONE_SURROGATE);
      }
      expect(rendered.at(-1)?.type).toBe('flex');
    }
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
    expect(textOf(rendered)).toBe(
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
    expect(textOf(rendered)).toContain('【クレジットカード会社】\n1. au PAY カード\n2. PayPay カード');
    expect(textOf(rendered)).toContain('19. 楽天カード\n【国際ブランド】\n20. Visa「Visa Secure」');
    expect(textOf(rendered)).toContain('24. Diners Club「ProtectBuy（R）」');
    expect(textOf(rendered)).toContain('令和7年3月27日現在');
    expect(textOf(rendered)).not.toContain('https://');
    expect(labelsOf(rendered!)).toEqual(['わからない', '不要です']);
  });

  it('splits a long reply between paragraphs, each message within 5,000 characters', () => {
    const paragraphs = Array.from({ length: 12 }, (_p, i) => paragraph(i + 1, 30)); // ~1,000 characters each
    const rendered = lineMessages([note(paragraphs.join('\n\n'))]);
    expect(rendered.length).toBeGreaterThan(1);
    expect(rendered.length).toBeLessThanOrEqual(LINE_LIMITS.messagesPerReply);
    for (const text of rendered.map(textOf)) expect(text!.length).toBeLessThanOrEqual(LINE_LIMITS.textLength);
    expect(rendered.map(textOf).join('\n\n')).toBe(paragraphs.join('\n\n'));
  });

  it('splits one paragraph longer than a message after a sentence, never inside one', () => {
    const long = paragraph(1, 300); // ~10,000 characters, no line breaks
    const rendered = lineMessages([note(long)]);
    expect(rendered.length).toBeGreaterThan(1);
    for (const text of rendered.map(textOf)) {
      expect(text!.length).toBeLessThanOrEqual(LINE_LIMITS.textLength);
      expect(text!.endsWith('です。')).toBe(true);
    }
    expect(rendered.map(textOf).join('')).toBe(long);
  });

  it('keeps at most 5 messages and ends the last one with an ellipsis after a whole sentence', () => {
    const paragraphs = Array.from({ length: 40 }, (_p, i) => paragraph(i + 1, 30)); // ~40,000 characters
    const rendered = lineMessages([note(paragraphs.join('\n\n'))]);
    expect(rendered).toHaveLength(LINE_LIMITS.messagesPerReply);
    for (const text of rendered.map(textOf)) expect(text!.length).toBeLessThanOrEqual(LINE_LIMITS.textLength);
    const last = textOf(rendered.at(-1))!;
    expect(last.endsWith(`です。${ELLIPSIS}`)).toBe(true);
    expect(last.length).toBeGreaterThan(LINE_LIMITS.textLength / 2);
    const shown = rendered.map(textOf).join('\n\n');
    expect(paragraphs.join('\n\n').startsWith(shown.slice(0, -ELLIPSIS.length))).toBe(true);
  });

  it('cuts text without any break at the limit without splitting an emoji', () => {
    const rendered = lineMessages([note('😀'.repeat(6000))]);
    expect(rendered).toHaveLength(3);
    for (const text of rendered.map(textOf)) {
      expect(text!.length).toBeLessThanOrEqual(LINE_LIMITS.textLength);
      expect(text).not.toMatch(LONE_SURROGATE);
    }
  });

  it('puts a sixth short message into the fifth without cutting anything', () => {
    const rendered = lineMessages(
      ['一', '二', '三', '四', '五', '六'].map((n) => note(`${n}番目のお知らせです。`)),
    );
    expect(rendered.map(textOf)).toEqual([
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
    const messages = [
      note('答えです。', [], [RAKUTEN]),
      questions.ask({ kind: 'feedback', intent: 'otp_delivery' }),
    ];
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
