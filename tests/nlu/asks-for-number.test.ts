import { asksForNumber } from '../../src/nlu/asks-for-number';
import { normalize } from '../../src/nlu/normalize';

describe('a question that asks for a number (the help page gives none)', () => {
  it.each([
    '認証コードは何桁ですか',
    'パスワードってなんけた？',
    'ＳＭＳのコードは何分で切れますか',
    'コードの再送は何回までできますか',
    '切り替えたら何日以内に払えばいい？',
    'コンビニ払いの手数料はおいくらですか',
    '手数料っていくらかかる',
    '受験料いくら？',
  ])('「%s」 asks for one', (question) => {
    expect(asksForNumber(normalize(question))).toBe(true);
  });

  it.each([
    '何回やってもエラーになります',
    '何度も試したのに払えない',
    '何日も前から決済できません',
    '何回か入力したけどだめでした',
    'いくら待ってもワンタイムパスワードが来ない',
    'メールをいくら探しても見つからない',
    'ワンタイムパスワードが届かない',
    '今まで使えたカードがなぜ使えないの',
  ])('「%s」 does not', (question) => {
    expect(asksForNumber(normalize(question))).toBe(false);
  });
});
