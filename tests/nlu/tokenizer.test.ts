import { extractFeatures } from '../../src/nlu/features';
import { loadTokenizer, type Tokenizer } from '../../src/nlu';

let tokenizer: Tokenizer;
beforeAll(async () => {
  tokenizer = await loadTokenizer();
});

describe('the kuromoji tokenizer wrapper', () => {
  it.each([
    ['ワンタイムパスワードが届かない', ['ワンタイムパスワード', 'が', '届か', 'ない']],
    ['今まで使えたカード', ['今', 'まで', '使え', 'た', 'カード']],
    ['登録方法', ['登録', '方法']],
  ])('splits %s into words', (text, surfaces) => {
    expect(tokenizer.tokenize(text).map((token) => token.surface)).toEqual(surfaces);
  });

  it('gives dictionary forms, so 届かない and 届きません meet at 届く', () => {
    const baseForms = (text: string) => tokenizer.tokenize(text).map((token) => token.baseForm);
    expect(baseForms('届かない')).toContain('届く');
    expect(baseForms('届きません')).toContain('届く');
  });

  it('gives readings in hiragana', () => {
    expect(tokenizer.tokenize('登録').map((token) => token.reading)).toEqual(['とうろく']);
  });

  it('never throws on odd input', () => {
    for (const text of ['', ' ', '😀', '\u0000', '\ud800', 'a\udfffb', '𠮷野家', 'a'.repeat(2000)]) {
      expect(() => tokenizer.tokenize(text)).not.toThrow();
    }
  });
});

describe('features', () => {
  it('make a hiragana-only question share reading features with its kanji spelling', () => {
    const kanji = new Set(extractFeatures(tokenizer.tokenize('パスワードが届かない')));
    const hiragana = extractFeatures(tokenizer.tokenize('ぱすわーどがとどかない'));
    const shared = hiragana.filter((feature) => kanji.has(feature));
    expect(shared.length / hiragana.length).toBeGreaterThan(0.8);
  });

  it('keep content words and drop particles', () => {
    const words = extractFeatures(tokenizer.tokenize('登録の方法を教えて')).filter((f) => f.startsWith('w:'));
    expect(words).toEqual(expect.arrayContaining(['w:登録', 'w:方法', 'w:教える']));
    expect(words).not.toContain('w:の');
  });
});
