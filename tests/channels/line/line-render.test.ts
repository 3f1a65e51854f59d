import type { Activity, CardAction } from 'botbuilder';
import { ELLIPSIS, LINE_LIMITS, plainText, renderForLine } from '../../../src/channels/line/line-render';

const message = (text: string, fields: Partial<Activity> = {}): Partial<Activity> => ({
  type: 'message',
  text,
  textFormat: 'markdown',
  ...fields,
});

const button = (title: string, value = `${title}について教えてください`): CardAction => ({
  type: 'imBack',
  title,
  value,
});

/** A paragraph of `sentences` Japanese sentences, numbered so that each one can be found again. */
function paragraph(id: number, sentences: number): string {
  return Array.from(
    { length: sentences },
    (_s, i) => `第${id}段落の${i + 1}文目は本人認証サービスについての説明です。`,
  ).join('');
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('rendering for LINE', () => {
  it.each([
    ['Markdown line breaks', '1行目  \n2行目', '1行目\n2行目'],
    [
      'a link list',
      '答えです。\n\n- [楽天カード](https://example.jp/r)\n- [JCB](https://example.jp/j)',
      '答えです。\n\n・楽天カード\nhttps://example.jp/r\n・JCB\nhttps://example.jp/j',
    ],
    ['a link whose title is its URL', '[https://example.jp](https://example.jp)', 'https://example.jp'],
    ['bold and code', '**重要**: `3Dセキュア`の登録', '重要: 3Dセキュアの登録'],
    ['a heading', '## よくある質問\n本文', 'よくある質問\n本文'],
    ['escaped Markdown characters', '1\\. 申込ID\\_A', '1. 申込ID_A'],
  ])('turns %s into plain text', (_name, markdown, plain) => {
    expect(plainText(markdown)).toBe(plain);
  });

  it('keeps text the bot marked as plain exactly as it is', () => {
    const [rendered] = renderForLine([message('**そのまま**', { textFormat: 'plain' })]);
    expect(rendered?.text).toBe('**そのまま**');
  });

  it('sends one text message per short reply, with the buttons as quick replies on it', () => {
    const rendered = renderForLine([
      message('こんにちは。', {
        suggestedActions: { to: [], actions: [button('3Dセキュアとは', '3Dセキュア 2.0とは何ですか')] },
      }),
    ]);
    expect(rendered).toEqual([
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

  it('splits a long reply between paragraphs, each message within 5,000 characters', () => {
    const paragraphs = Array.from({ length: 12 }, (_p, i) => paragraph(i + 1, 30)); // ~1,000 characters each
    const rendered = renderForLine([message(paragraphs.join('\n\n'))]);
    expect(rendered.length).toBeGreaterThan(1);
    expect(rendered.length).toBeLessThanOrEqual(LINE_LIMITS.messagesPerReply);
    for (const { text } of rendered) expect(text.length).toBeLessThanOrEqual(LINE_LIMITS.textLength);
    expect(rendered.map((m) => m.text).join('\n\n')).toBe(paragraphs.join('\n\n'));
  });

  it('splits one paragraph longer than a message after a sentence, never inside one', () => {
    const long = paragraph(1, 300); // ~10,000 characters, no line breaks
    const rendered = renderForLine([message(long)]);
    expect(rendered.length).toBeGreaterThan(1);
    for (const { text } of rendered) {
      expect(text.length).toBeLessThanOrEqual(LINE_LIMITS.textLength);
      expect(text.endsWith('です。')).toBe(true);
    }
    expect(rendered.map((m) => m.text).join('')).toBe(long);
  });

  it('keeps at most 5 messages and ends the last one with an ellipsis after a whole sentence', () => {
    const paragraphs = Array.from({ length: 40 }, (_p, i) => paragraph(i + 1, 30)); // ~40,000 characters
    const rendered = renderForLine([message(paragraphs.join('\n\n'))]);
    expect(rendered).toHaveLength(LINE_LIMITS.messagesPerReply);
    for (const { text } of rendered) expect(text.length).toBeLessThanOrEqual(LINE_LIMITS.textLength);
    const last = rendered.at(-1)!.text;
    expect(last.endsWith(`です。${ELLIPSIS}`)).toBe(true);
    expect(last.length).toBeGreaterThan(LINE_LIMITS.textLength / 2);
    const shown = rendered.map((m) => m.text).join('\n\n');
    expect(paragraphs.join('\n\n').startsWith(shown.slice(0, -ELLIPSIS.length))).toBe(true);
  });

  it('cuts text without any break at the limit without splitting an emoji', () => {
    const rendered = renderForLine([message('😀'.repeat(6000))]);
    expect(rendered).toHaveLength(3);
    for (const { text } of rendered) {
      expect(text.length).toBeLessThanOrEqual(LINE_LIMITS.textLength);
      expect(text).not.toMatch(LONE_SURROGATE);
    }
  });

  it('puts a sixth short activity into the fifth message without cutting anything', () => {
    const rendered = renderForLine(
      ['一', '二', '三', '四', '五', '六'].map((text) => message(`${text}番目のお知らせです。`)),
    );
    expect(rendered.map((m) => m.text)).toEqual([
      '一番目のお知らせです。',
      '二番目のお知らせです。',
      '三番目のお知らせです。',
      '四番目のお知らせです。',
      '五番目のお知らせです。\n\n六番目のお知らせです。',
    ]);
  });

  it('offers at most 13 quick replies, on the last message only, with labels cut to 20 characters', () => {
    const actions = Array.from({ length: 20 }, (_a, i) =>
      button(`${i + 1}番目の、とても長い、長いボタンのタイトルです`),
    );
    const paragraphs = Array.from({ length: 12 }, (_p, i) => paragraph(i + 1, 30));
    const rendered = renderForLine([
      message(paragraphs.join('\n\n'), { suggestedActions: { to: [], actions } }),
    ]);
    expect(rendered.length).toBeGreaterThan(1);
    for (const earlier of rendered.slice(0, -1)) expect(earlier.quickReply).toBeUndefined();
    const items = rendered.at(-1)!.quickReply!.items!;
    expect(items).toHaveLength(LINE_LIMITS.quickReplyItems);
    for (const item of items) {
      const action = item.action as { label: string; text: string };
      expect(action.label.length).toBeLessThanOrEqual(LINE_LIMITS.quickReplyLabelLength);
      expect(action.label.endsWith(ELLIPSIS)).toBe(true);
    }
    expect((items[0]!.action as { text: string }).text).toBe(actions[0]!.value);
  });

  it('leaves out buttons LINE cannot send as a message and repeated ones', () => {
    const rendered = renderForLine([
      message('どうぞ。', {
        suggestedActions: {
          to: [],
          actions: [
            button('登録方法'),
            button('登録方法'),
            { type: 'openUrl', title: 'サイト', value: 'https://example.jp' },
            { type: 'imBack', title: '空', value: '  ' },
          ],
        },
      }),
    ]);
    expect(rendered[0]?.quickReply?.items?.map((item) => item.action?.label)).toEqual(['登録方法']);
  });

  it('has nothing to send for typing or an empty message', () => {
    expect(renderForLine([{ type: 'typing' }, message('   ')])).toEqual([]);
  });
});
