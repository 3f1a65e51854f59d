import { loadTokenizer, type Tokenizer } from '../../src/nlu';
import { clauses } from '../../src/nlu/ask-clause';
import { normalize } from '../../src/nlu/normalize';

let tokenizer: Tokenizer;
beforeAll(async () => {
  tokenizer = await loadTokenizer();
});

const ask = (text: string) =>
  clauses(tokenizer.tokenize(normalize(text)))
    .at(-1)!
    .map((token) => token.surface)
    .join('')
    .replace(/^[、,\s]+/u, '');

describe('the clause that asks: where the scope decision looks besides the whole', () => {
  it.each([
    // The scene first, the question last: a contrast or a reason is cut off.
    [
      'UQモバイルに乗り換えたばかりなんですけど、本人認証の設定ってどうやればいいんですか',
      '本人認証の設定ってどうやればいいんですか',
    ],
    [
      'イオン銀行の口座もあるので、3Dセキュアの登録方法を教えてください',
      '3dセキュアの登録方法を教えてください',
    ],
    // What someone said, then the question in its own sentence.
    [
      'コールセンターの人に「再決済してみてください」と言われました。再決済ってマイページでできるんですか?',
      '再決済ってマイページでできるんですか',
    ],
    // A near miss that sets an in-scope scene and asks about something else.
    ['3Dセキュアは登録済みですが、楽天銀行の口座振替ができない', '楽天銀行の口座振替ができない'],
    // て chains verbs and does not cut; a sentence of marks alone is not the last sentence.
    ['カードで払おうとしてエラーになりました。どうすればいいですか。。!!', 'どうすればいいですか'],
    // Nothing with a word after the particle: the whole sentence.
    ['カードが通らないんですけど…。どうすればいいですか', 'どうすればいいですか'],
    ['エラーです。ワンタイムパスワードが届かないんですけど…', 'ワンタイムパスワードが届かないんですけど'],
  ])('「%s」 asks 「%s」', (text, expected) => {
    expect(ask(text)).toBe(expected);
  });

  it.each([
    'カードが使えません',
    'カードが使えません。',
    'お世話になります。。',
    // Marks after the only clause are not a second one.
    'ワンタイムパスワードが届かないんですけど…',
    'カードが使えませんか?',
  ])('「%s」 is asked as a whole: no second reading', (text) => {
    const tokens = tokenizer.tokenize(normalize(text));
    expect(clauses(tokens)).toEqual([tokens]);
    expect(clauses(tokens)[0]).toBe(tokens);
  });

  it('cuts a long message into every clause that has a word, wherever the question stands', () => {
    const text =
      '三井住友銀行のデビットじゃなくて三井住友カードのクレカなんですけど、何回やってもエラー。もう打つ手ないんですが、どうすれば';
    expect(
      clauses(tokenizer.tokenize(normalize(text))).map((clause) =>
        clause
          .map((token) => token.surface)
          .join('')
          .replace(/^[、,\s]+/u, ''),
      ),
    ).toEqual([
      '三井住友銀行のデビットじゃなくて三井住友カードのクレカなんですけど',
      '何回やってもエラー',
      'もう打つ手ないんですが',
      'どうすれば',
    ]);
  });
});
