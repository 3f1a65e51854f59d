/**
 * Turns tokens into classifier features:
 * - `w:` dictionary forms of content words (名詞, 動詞, 形容詞, 副詞, 感動詞), so 届く/届かない/届きません meet;
 * - `r:` character bigrams and trigrams of the sentence read in hiragana, so わんたいむぱすわーど and
 *   ワンタイムパスワード, or とどかない and 届かない, share features even where kuromoji splits
 *   unknown hiragana badly or a typo breaks a word.
 */
import type { Token } from './tokenizer';

const CONTENT_POS = new Set(['名詞', '動詞', '形容詞', '副詞', '感動詞']);
const SKIPPED_DETAIL = new Set(['非自立', '数', '接尾', '副詞可能']);
const NOT_READ = /[^\p{L}\p{N}]/gu;

function isContentWord(token: Token): boolean {
  return CONTENT_POS.has(token.partOfSpeech) && !SKIPPED_DETAIL.has(token.posDetail);
}

function readingOf(tokens: readonly Token[]): string {
  let reading = '';
  for (const token of tokens) {
    if (token.partOfSpeech !== '記号') reading += token.reading;
  }
  return reading.replace(NOT_READ, '');
}

export interface FeatureOptions {
  /** Lengths of the reading n-grams (default [2, 3]). */
  readonly readingNgrams: readonly number[];
}

export const DEFAULT_FEATURE_OPTIONS: FeatureOptions = { readingNgrams: [2, 3] };

export function extractFeatures(
  tokens: readonly Token[],
  options: FeatureOptions = DEFAULT_FEATURE_OPTIONS,
): string[] {
  const features = new Set<string>();
  for (const token of tokens) {
    if (isContentWord(token)) features.add(`w:${token.baseForm}`);
  }
  const reading = readingOf(tokens);
  for (const n of options.readingNgrams) {
    for (let i = 0; i + n <= reading.length; i++) {
      features.add(`r:${reading.slice(i, i + n)}`);
    }
  }
  return [...features];
}
