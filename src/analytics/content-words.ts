/**
 * Reduces a question's wording to what it is about, so that the report can put differently
 * typed versions of the same question together: 「領収書がほしいです」, 「領収書ほしい」 and
 * 「ﾘｮｳｼｭｳｼｮほしい」 all come down to the content word 領収書 (りょうしゅうしょ).
 *
 * The text is read as the engine reads it (width, case, romaji, kuromoji, and the spellings of
 * data/synonyms.json folded on morpheme boundaries). Content words are nouns, verbs and adjectives, with a noun's suffix joined to it
 * (領収 + 書). Particles, auxiliaries, symbols, prefixes (ご, お), numbers, pronouns and words
 * that only carry the request (です, ます, ください, できる, ほしい, 教える…) are dropped.
 * A noun is keyed by its reading in hiragana, so kanji, katakana and hiragana spellings of a
 * word, and typos that sound the same (領収所), meet; verbs and adjectives by dictionary form.
 */
import { CARD_NUMBER_MASK } from '../nlu/card-number';
import type { TokenReader } from '../nlu/lexicon';
import { escapeRegExp } from '../nlu/normalize';
import { EMAIL_MASK, PHONE_MASK } from '../nlu/personal-data';
import { toHiragana, type Token } from '../nlu/tokenizer';

export interface ContentWord {
  /** What words are compared by: a noun's reading in hiragana, a verb's or adjective's dictionary form. */
  readonly key: string;
  /** The word's dictionary form as written, for people. */
  readonly form: string;
}

export interface ContentWords {
  /** Unique content words, in the order they appear. */
  readonly words: readonly ContentWord[];
  /**
   * The reading of the text's content part, run together (りょうしゅうしょはっこう): compared
   * sound by sound, it still finds the likeness where kuromoji cuts a word typed in hiragana
   * into odd pieces (じゅう|しょ|へん|こう for じゅうしょへんこう) or a typo changes a word.
   */
  readonly reading: string;
}

export type ContentWordsOf = (text: string) => ContentWords;

const CONTENT_POS = new Set(['名詞', '動詞', '形容詞']);
/** Dependent words (こと, ください), pronouns (いつ, これ), numbers, time nouns (今日, 場合). */
const SKIPPED_DETAIL = new Set(['非自立', '代名詞', '数', '副詞可能', '接尾']);
/**
 * Words that carry the request, not its topic: 「発行できますか」, 「発行してほしい」 and
 * 「発行方法を教えて」 ask about 発行.
 */
const REQUEST_WORDS = new Set(
  (
    'する できる なる ある いる おる いう 言う もらう もらえる くださる 下さる くれる いただく いただける ' +
    '頂く 頂ける 思う おもう 教える おしえる 知る しる 知れる わかる 分かる 聞く きく ほしい 欲しい いい よい 良い ' +
    'こと もの 質問 願い 件'
  ).split(' '),
);
const HIRAGANA_ONLY = /^[\u3041-\u309f\u30fc]+$/u;
const HAS_LETTER = /[\p{L}\p{N}]/u;
/** What masking put in place of personal data: two questions holding a card number are not alike for that. */
const MASKS = new RegExp([CARD_NUMBER_MASK, EMAIL_MASK, PHONE_MASK].map(escapeRegExp).join('|'), 'gu');

function isSuffix(token: Token): boolean {
  return token.partOfSpeech === '名詞' && token.posDetail === '接尾';
}

function isContentWord(token: Token): boolean {
  return (
    CONTENT_POS.has(token.partOfSpeech) &&
    HAS_LETTER.test(token.surface) &&
    !SKIPPED_DETAIL.has(token.posDetail) &&
    !REQUEST_WORDS.has(toHiragana(token.baseForm))
  );
}

/**
 * Inside a mis-cut hiragana word, adverbs and noun or adjective suffixes count too: kuromoji
 * reads the こう of へんこう as an adverb, the ぽい of ぽいんと as a suffix (not so れる, せる).
 */
const PIECE_POS = new Set([...CONTENT_POS, '副詞', '連体詞']);
const NOT_A_PIECE = new Set(['非自立', '代名詞', '数']);
function looksLikeContent(token: Token): boolean {
  return (
    PIECE_POS.has(token.partOfSpeech) &&
    !NOT_A_PIECE.has(token.posDetail) &&
    !(token.partOfSpeech === '動詞' && token.posDetail === '接尾') &&
    !REQUEST_WORDS.has(toHiragana(token.baseForm))
  );
}

function lastIndexWhere<T>(items: readonly T[], test: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i])) return i;
  return -1;
}

/** Joins a noun and its suffixes (領収 + 書 → 領収書) so that the word is compared whole. */
function joinSuffixes(tokens: readonly Token[]): Token[] {
  const joined: Token[] = [];
  for (const token of tokens) {
    const previous = joined[joined.length - 1];
    if (isSuffix(token) && previous?.partOfSpeech === '名詞' && !SKIPPED_DETAIL.has(previous.posDetail)) {
      joined[joined.length - 1] = {
        ...previous,
        surface: previous.surface + token.surface,
        baseForm: previous.surface + token.baseForm,
        reading: previous.reading + token.reading,
        known: previous.known && token.known,
      };
    } else {
      joined.push(token);
    }
  }
  return joined;
}

/**
 * The reading of the content part. A token not written in hiragana counts when it is a content
 * word. A run of tokens written in hiragana is kept whole from its first to its last
 * content-looking token, because kuromoji tags pieces of a mis-cut hiragana word as particles
 * or auxiliaries (the へん in じゅう|しょ|へん|こう); the run's request ending (できますか) goes.
 */
function contentReading(tokens: readonly Token[]): string {
  let reading = '';
  let run: Token[] = [];
  const endRun = () => {
    const counts = run.length > 1 ? looksLikeContent : isContentWord;
    const first = run.findIndex(counts);
    const last = lastIndexWhere(run, counts);
    if (first >= 0) for (const token of run.slice(first, last + 1)) reading += token.reading;
    run = [];
  };
  for (const token of tokens) {
    if (HIRAGANA_ONLY.test(token.surface)) {
      run.push(token);
      continue;
    }
    endRun();
    if (isContentWord(token)) reading += token.reading;
  }
  endRun();
  return reading;
}

function keyOf(token: Token): string {
  return token.partOfSpeech === '名詞' ? token.reading : toHiragana(token.baseForm);
}

export function createContentWords(readTokens: TokenReader): ContentWordsOf {
  return function contentWordsOf(text: string): ContentWords {
    const tokens = joinSuffixes(readTokens(text.replace(MASKS, ' ')));
    const words = new Map<string, ContentWord>();
    for (const token of tokens) {
      if (!isContentWord(token)) continue;
      const key = keyOf(token);
      if (!words.has(key)) words.set(key, { key, form: token.baseForm });
    }
    return { words: [...words.values()], reading: contentReading(tokens) };
  };
}
