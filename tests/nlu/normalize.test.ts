import { loadKnowledgeBase, loadTokenizer, type Tokenizer } from '../../src/nlu';
import { createTokenReader, type TokenReader } from '../../src/nlu/lexicon';
import { foldCharacters } from '../../src/nlu/normalize';
import { romajiToKana } from '../../src/nlu/romaji';
import { foldKana } from '../../src/nlu/tokenizer';

let tokenizer: Tokenizer;
let read: TokenReader;
beforeAll(async () => {
  tokenizer = await loadTokenizer();
  read = createTokenReader(tokenizer, loadKnowledgeBase().synonyms);
});

/** The text as the engine reads it, tokens joined. */
const readAs = (text: string) =>
  read(text)
    .map((token) => token.surface)
    .join('');

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

describe('romaji typed with the keyboard in English mode', () => {
  it.each([
    ['Hepburn', 'shiharai dekinai', 'しはらい できない'],
    ['Kunrei', 'siharai ninsyou', 'しはらい にんしょう'],
    ['a long vowel written with a hyphen', 'kaado era-', 'かあど えらー'],
    [
      'ん before a consonant and a doubled consonant',
      'honnin ninshou shippai',
      'ほんにん にんしょう しっぱい',
    ],
    ['particles', 'konbini barai ni kaetai', 'こんびに ばらい に かえたい'],
    ['romaji beside Japanese', 'maipeeji no roguin', 'まいぺえじ の ろぐいん'],
  ])('reads %s as hiragana: %s', (_name, input, expected) => {
    expect(romajiToKana(input)).toBe(expected);
  });

  it.each([
    ['brand names and abbreviations', 'visa jcb sms qr id au'],
    ['English words that do not spell syllables', 'password error card'],
    ['an English sentence, even its words that spell syllables', 'what is one time password'],
  ])('keeps %s', (_name, input) => {
    expect(romajiToKana(input)).toBe(input);
  });

  it('meets the kana spelling of the same word once long vowels are folded', () => {
    expect(foldKana(romajiToKana('kaado'))).toBe(foldKana('カード'));
    expect(foldKana(romajiToKana('pasuwaado'))).toBe(foldKana('パスワード'));
  });
});

describe('the team’s spellings, folded on morpheme boundaries', () => {
  it.each([
    ['できてない keeps its でき (not 来てない → 届かない)', '支払いできてないみたい', 'できてないみたい'],
    ['出来ない keeps its 出来 (not 来ない → 届かない)', '出来ない', '出来ない'],
    ['なんですか keeps なん (not なんで → なぜ)', 'これはなんですか', 'なんですか'],
    ['どうしても stays one word (not どうして → なぜ)', 'どうしても払えない', 'どうしても'],
  ])('%s', (_name, input, kept) => {
    const text = readAs(input);
    expect(text).toContain(kept);
    expect(text).not.toContain('届かない');
    expect(text).not.toContain('なぜ');
  });

  it.each([
    ['a whole word', 'otpが来ない', ['ワンタイムパスワード', '届かない']],
    [
      'hiragana cut badly by kuromoji',
      'わんたいむぱすわーどがとどかない',
      ['ワンタイムパスワード', '届かない'],
    ],
    ['a wrong kanji conversion', 'コンビ二決裁', ['コンビニ', '決済']],
    ['a katakana spelling of a hiragana variant', 'ショートメール', ['SMS']],
    ['an English word', 'payment error', ['支払', 'エラー']],
    ['romaji, once read as kana', 'maipeeji ni roguin', ['マイページ', 'ログイン']],
    ['a variant with a space', '3d セキュア 2.0の登録', ['3Dセキュア', '登録']],
  ])('folds %s: 「%s」', (_name, input, canonical) => {
    const text = readAs(input);
    for (const word of canonical) expect(text).toContain(foldCharacters(word));
  });
});
