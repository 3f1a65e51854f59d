import { createNormalizer, foldCharacters } from '../../src/nlu/normalize';
import { loadKnowledgeBase } from '../../src/nlu';

const normalize = createNormalizer(loadKnowledgeBase().synonyms);

describe('foldCharacters', () => {
  it.each([
    ['full-width letters and digits become ASCII, lower case', 'ＳＭＳ１２３', 'sms123'],
    ['half-width katakana becomes full-width', 'ｺﾝﾋﾞﾆ', 'コンビニ'],
    ['a hyphen used as a long vowel becomes ー', 'カ-ド', 'カード'],
    ['control and zero-width characters become spaces', 'カード\u0000\u200bエラー', 'カード エラー'],
    ['emoji are dropped', '😀カード😭', 'カード'],
    ['runs of spaces collapse', '  カード　　エラー  ', 'カード エラー'],
  ])('%s', (_name, input, expected) => {
    expect(foldCharacters(input)).toBe(expected);
  });
});

describe('the synonym normalizer', () => {
  it.each([
    ['３Ｄセキュア', '3dセキュア'],
    ['3-Dセキュア2.0', '3dセキュア'],
    ['3DS', '3dセキュア'],
    ['すりーでぃーせきゅあ', '3dセキュア'],
    ['ほんにんにんしょうさーびす', '本人認証'],
    ['ﾜﾝﾀｲﾑﾊﾟｽﾜｰﾄﾞ', 'ワンタイムパスワード'],
    ['わんたいむぱすわーどがとどかない', 'ワンタイムパスワードが届かない'],
    ['OTPが来ない', 'ワンタイムパスワードが届かない'],
    ['コンビ二払い', 'コンビニ払い'],
    ['クレカ決裁', 'クレジットカード決済'],
    ['まいぺーじにろぐいん', 'マイページにログイン'],
  ])('folds %s to %s', (input, expected) => {
    expect(normalize(input)).toBe(expected);
  });

  it('does not match an ASCII variant inside a longer word', () => {
    expect(normalize('otpauth')).toBe('otpauth');
  });

  it('keeps the canonical spelling when the longer form is already there', () => {
    expect(normalize('ワンタイムパスワード')).toBe('ワンタイムパスワード');
  });
});
