import fs from 'node:fs';
import path from 'node:path';
import kuromoji from 'kuromoji';
import { extractFeatures } from '../../src/nlu/features';
import { loadTokenizer, type Tokenizer } from '../../src/nlu';
import { defaultDictionaryPath, TokenizerLoadError } from '../../src/nlu/tokenizer';

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

  it("reads every question exactly as kuromoji's own loader does (the dictionary is kept in a flatter form)", async () => {
    const kuromojiOwn = await new Promise<kuromoji.Tokenizer<kuromoji.IpadicFeatures>>((resolve, reject) =>
      kuromoji
        .builder({ dicPath: defaultDictionaryPath() })
        .build((error, built) => (error ? reject(error) : resolve(built))),
    );
    const writers = path.join(__dirname, '../../intents/writers');
    const questions = [
      '../../tests/fixtures/dev-set.jsonl',
      '../../tests/fixtures/holdout-set.jsonl',
      'long-story.jsonl',
      'messy-typing.jsonl',
    ]
      .flatMap((file) => fs.readFileSync(path.join(writers, file), 'utf8').split('\n').filter(Boolean))
      .map((line) => (JSON.parse(line) as { text: string }).text)
      // Words kuromoji does not know, of every character class it groups them by.
      .concat([
        'ｽﾏﾎﾞﾝｸでﾍﾟｲった',
        'Ωメガとαの認証',
        'Яндексで払えない',
        'abc123のxyzカード',
        '３Ｄセキュア２．０',
        '〒１００−０００１',
        '＃＄％＆',
        '㈱ジェーシービー',
      ]);
    expect(questions.length).toBeGreaterThan(500);
    for (const question of questions) {
      const ours = tokenizer
        .tokenize(question)
        .map((token) => [token.surface, token.baseForm, token.partOfSpeech, token.posDetail]);
      const theirs = kuromojiOwn
        .tokenize(question)
        .map((token) => [
          token.surface_form,
          token.basic_form === '*' ? token.surface_form : token.basic_form,
          token.pos,
          token.pos_detail_1,
        ]);
      expect([question, ours]).toEqual([question, theirs]);
    }
  });

  it('says which folder it could not load the dictionary from, and does not hang', async () => {
    const missing = path.join(__dirname, 'no-such-dictionary');
    await expect(loadTokenizer(missing)).rejects.toThrow(TokenizerLoadError);
    await expect(loadTokenizer(missing)).rejects.toThrow(missing);
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

  it.each([
    ['コードが届かない', ['n:届く']],
    ['コードがまだ届いていないです', ['n:届く']],
    ['カードが使えませんでした', ['n:使える']],
    ['ログインできず困っています', ['n:できる']],
    ['コードが届いたのでどれを使うか', []],
    ['前は払えたのに今は払えない', ['n:払える']],
  ])('mark what is said in the negative: 「%s」 → %j', (text, negated) => {
    const features = extractFeatures(tokenizer.tokenize(text));
    expect(features.filter((feature) => feature.startsWith('n:'))).toEqual(negated);
  });
});
