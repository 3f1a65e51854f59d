/**
 * Turns tokens into classifier features:
 * - `w:` dictionary forms of content words (名詞, 動詞, 形容詞, 副詞, 感動詞), so 届く/届かない/届きません meet;
 * - `n:` the dictionary form of a verb or adjective said in the negative (届かない, 使えませんでした,
 *   届いていない), besides its `w:`: so 「コードが届かない」 and 「コードが届いた、どれを使えば」 share
 *   their words but not this one;
 * - `g:` the Sudachi synonym groups of those words, so 締切日 meets 期日 (synonym-groups.ts);
 * - `r:` character bigrams and trigrams of the sentence read in hiragana (long vowels as their
 *   vowel), so わんたいむぱすわーど and ワンタイムパスワード, とどかない and 届かない, or 決裁 and
 *   決済 share features even where kuromoji splits unknown hiragana badly or a typo breaks a word.
 */
import { foldKana, type Token } from './tokenizer';

const CONTENT_POS = new Set(['名詞', '動詞', '形容詞', '副詞', '感動詞']);
const SKIPPED_DETAIL = new Set(['非自立', '数', '接尾', '副詞可能']);
const NOT_READ = /[^\p{L}\p{N}]/gu;

export function isContentWord(token: Token): boolean {
  return CONTENT_POS.has(token.partOfSpeech) && !SKIPPED_DETAIL.has(token.posDetail);
}

function readingOf(tokens: readonly Token[]): string {
  let reading = '';
  for (const token of tokens) {
    if (token.partOfSpeech !== '記号') reading += token.reading;
  }
  return foldKana(reading.replace(NOT_READ, ''));
}

export interface FeatureOptions {
  /** Lengths of the reading n-grams (default [2, 3]). */
  readonly readingNgrams: readonly number[];
}

export const DEFAULT_FEATURE_OPTIONS: FeatureOptions = { readingNgrams: [2, 3] };

/** The content words of a text, by dictionary form (what `w:` features are made of). */
export function contentWords(tokens: readonly Token[]): string[] {
  return tokens.filter(isContentWord).map((token) => token.baseForm);
}

/** Auxiliaries that make what comes before them negative (ない, ず/ぬ, ません's ん). */
const NEGATIVE = new Set(['ない', 'ぬ', 'ん']);

/** Whether the verb or adjective at `index` is said in the negative, reading its auxiliaries and helpers. */
function isNegated(tokens: readonly Token[], index: number): boolean {
  for (let i = index + 1; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.partOfSpeech === '助動詞' || (token.partOfSpeech === '形容詞' && token.baseForm === 'ない')) {
      if (NEGATIVE.has(token.baseForm)) return true;
      continue;
    }
    const helper =
      (token.partOfSpeech === '助詞' && token.posDetail === '接続助詞' && /^[てで]$/u.test(token.surface)) ||
      (token.partOfSpeech === '動詞' && (token.posDetail === '非自立' || token.posDetail === '接尾'));
    if (!helper) return false;
  }
  return false;
}

/** `n:` features: the verbs and adjectives of a text said in the negative. */
function negatedWords(tokens: readonly Token[]): string[] {
  const words: string[] = [];
  tokens.forEach((token, index) => {
    const predicate = token.partOfSpeech === '動詞' || token.partOfSpeech === '形容詞';
    if (predicate && isContentWord(token) && isNegated(tokens, index)) words.push(token.baseForm);
  });
  return words;
}

export function extractFeatures(
  tokens: readonly Token[],
  synonymGroups: ReadonlyMap<string, readonly string[]> = new Map(),
  options: FeatureOptions = DEFAULT_FEATURE_OPTIONS,
): string[] {
  const features = new Set<string>();
  for (const word of contentWords(tokens)) {
    features.add(`w:${word}`);
    for (const group of synonymGroups.get(word) ?? []) features.add(`g:${group}`);
  }
  for (const word of negatedWords(tokens)) features.add(`n:${word}`);
  const reading = readingOf(tokens);
  for (const n of options.readingNgrams) {
    for (let i = 0; i + n <= reading.length; i++) {
      features.add(`r:${reading.slice(i, i + n)}`);
    }
  }
  return [...features];
}
