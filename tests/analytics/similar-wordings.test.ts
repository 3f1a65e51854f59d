import { type ContentWordsOf, createContentWords } from '../../src/analytics/content-words';
import { groupSimilarWordings, moraBigrams } from '../../src/analytics/similar-wordings';
import { loadKnowledgeBase, loadTokenizer } from '../../src/nlu';
import { createTokenReader } from '../../src/nlu/lexicon';

let contentWordsOf: ContentWordsOf;

beforeAll(async () => {
  contentWordsOf = createContentWords(createTokenReader(await loadTokenizer(), loadKnowledgeBase().synonyms));
});

/** Each group as its wordings, most frequent first (the representative, then the examples). */
function groupsOf(texts: readonly string[]): string[][] {
  return groupSimilarWordings(texts, contentWordsOf, { threshold: 0.5, maxExamples: 10 }).map((group) => [
    group.representative,
    ...group.examples,
  ]);
}

describe('content words', () => {
  it.each([
    ['drops particles and polite endings', '領収書を発行してください', ['領収書', '発行']],
    ['drops words that only carry the request', '返金できますか？教えてほしいです', ['返金']],
    ['joins a noun and its suffix', '申込者の住所', ['申込者', '住所']],
    [
      'keeps verbs and adjectives by their dictionary form',
      'パスワードを忘れました',
      ['パスワード', '忘れる'],
    ],
    ['ignores what masking put in place of a card number', '[カード番号]が使えない', ['使える']],
  ])('%s: 「%s」', (_name, text, expected) => {
    expect(contentWordsOf(text).words.map((word) => word.form)).toEqual(expected);
  });

  it.each([
    ['kanji and half-width katakana', '領収書がほしい', 'ﾘｮｳｼｭｳｼｮほしいです'],
    ['a typo that sounds the same', '領収書がほしい', '領収所ってもらえますか'],
    ['full-width and half-width letters', 'ＩＤを忘れました', 'IDを忘れた'],
  ])('gives %s the same content words', (_name, a, b) => {
    const keys = (text: string) => contentWordsOf(text).words.map((word) => word.key);
    expect(keys(a)).toEqual(keys(b));
  });
});

describe('mora bigrams', () => {
  it.each([
    ['りょうしゅうしょ', ['りょう', 'うしゅ', 'しゅう', 'うしょ']],
    ['へんきん', ['へん', 'んき', 'きん']],
    ['て', ['て']],
    ['', []],
  ])('cuts %s into sound pairs, small kana staying with theirs', (reading, expected) => {
    expect([...moraBigrams(reading)]).toEqual(expected);
  });
});

describe('grouping unanswered questions by similar wording', () => {
  it.each([
    [
      'the same words, more or less polite',
      ['領収書がほしい', '領収書ほしいです', '領収書が欲しいのですが'],
      [['領収書がほしい', '領収書ほしいです', '領収書が欲しいのですが']],
    ],
    [
      'kanji, hiragana, half-width katakana and a typo',
      ['領収書の発行方法', 'りょうしゅうしょ発行できますか', 'ﾘｮｳｼｭｳｼｮほしいです', '領収所ってもらえますか'],
      [
        [
          '領収書の発行方法',
          'りょうしゅうしょ発行できますか',
          'ﾘｮｳｼｭｳｼｮほしいです',
          '領収所ってもらえますか',
        ],
      ],
    ],
    [
      'typed all in hiragana',
      ['住所を変更したい', 'じゅうしょへんこうしたいです', '返金してほしい', 'へんきんできますか？'],
      [
        ['住所を変更したい', 'じゅうしょへんこうしたいです'],
        ['返金してほしい', 'へんきんできますか？'],
      ],
    ],
    [
      'keywords only, with a full-width space',
      ['住所を変更したい', '住所　変更', 'じゅうしょへんこう'],
      [['住所を変更したい', '住所　変更', 'じゅうしょへんこう']],
    ],
    [
      'one word in common is not enough',
      ['住所を変更したい', '支払い方法を変更したい'],
      [['住所を変更したい'], ['支払い方法を変更したい']],
    ],
    [
      'different questions',
      ['明日の天気は？', '駐車場はありますか', '返金してほしい'],
      [['明日の天気は？'], ['駐車場はありますか'], ['返金してほしい']],
    ],
    [
      'a card number masked in both',
      ['[カード番号]が使えない', '[カード番号]の有効期限は'],
      [['[カード番号]が使えない'], ['[カード番号]の有効期限は']],
    ],
    [
      'a wording that shares words with two questions does not chain them',
      ['住所変更したい', '住所と支払い方法を変更したい', '支払い方法を変更したい'],
      [['住所と支払い方法を変更したい', '支払い方法を変更したい'], ['住所変更したい']],
    ],
  ])('%s', (_name, texts, expected) => {
    expect(groupsOf(texts)).toEqual(expected);
  });

  it('counts every question and shows the most frequent wording first, then up to three others', () => {
    const texts = [
      '返金はいつ？',
      '返金してほしい',
      '返金してほしい',
      'へんきんできますか',
      '返金して',
      '返金希望',
      '返金はいつ？',
    ];
    const [group] = groupSimilarWordings(texts, contentWordsOf);
    expect(group).toEqual({
      count: 7,
      representative: '返金はいつ？',
      examples: ['返金してほしい', 'へんきんできますか', '返金して'],
      wordings: 5,
      words: ['返金'],
    });
  });

  it('puts the biggest group first, and groups of the same size in the order first asked', () => {
    const texts = [
      '駐車場はありますか',
      '返金してほしい',
      '明日の天気は',
      '返金はいつですか',
      '領収書がほしい',
    ];
    expect(groupsOf(texts).map((group) => group[0])).toEqual([
      '返金してほしい',
      '駐車場はありますか',
      '明日の天気は',
      '領収書がほしい',
    ]);
  });

  it('leaves out empty wordings and treats wordings without a content word one by one', () => {
    expect(groupsOf(['', '  ', 'ですか', '？？', 'ですか'])).toEqual([['ですか'], ['？？']]);
  });
});
