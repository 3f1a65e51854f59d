/**
 * Text normalization before tokenizing: width, case, odd characters, long vowels,
 * and the many spellings of the same term (data/synonyms.json).
 */
import { toHiragana } from './tokenizer';

export interface SynonymEntry {
  readonly canonical: string;
  readonly variants: readonly string[];
}

export type Normalizer = (text: string) => string;

const CONTROL_OR_FORMAT = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Cs}]/gu;
const PICTOGRAPHIC = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\u{FE0E}\u{FE0F}\u{20E3}]/gu;
const DASH_BETWEEN_KANA =
  /([\u3041-\u3096\u30a1-\u30fa])[-‐‑‒–—―−ｰ~〜](?=[\u3041-\u3096\u30a1-\u30fa]|$|\s)/gu;
const SPACES = /\s+/gu;
const ASCII_LETTER = /[a-z]/;

/** Width, case, control characters, emoji and dashes; no vocabulary involved. */
export function foldCharacters(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(CONTROL_OR_FORMAT, ' ')
    .replace(PICTOGRAPHIC, ' ')
    .replace(DASH_BETWEEN_KANA, '$1ー')
    .replace(SPACES, ' ')
    .trim();
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A pattern for a term; a term that starts or ends with an ASCII letter must not match inside a
 * longer ASCII word ("au" is not in "authentication"). `between` may stand between its letters.
 */
export function termPattern(term: string, between = ''): string {
  const before = ASCII_LETTER.test(term[0] ?? '') ? '(?<![a-z])' : '';
  const after = ASCII_LETTER.test(term[term.length - 1] ?? '') ? '(?![a-z])' : '';
  return `${before}${[...term].map(escapeRegExp).join(between)}${after}`;
}

/**
 * Builds a normalizer. Variants are matched on a kana-folded view of the text (katakana as
 * hiragana, same length), so one hiragana variant also covers its katakana spelling.
 */
export function createNormalizer(synonyms: readonly SynonymEntry[]): Normalizer {
  const canonicalByVariant = new Map<string, string>();
  for (const { canonical, variants } of synonyms) {
    const canonicalForm = foldCharacters(canonical);
    for (const variant of [canonical, ...variants]) {
      const key = toHiragana(foldCharacters(variant));
      if (key) canonicalByVariant.set(key, canonicalForm);
    }
  }
  const keys = [...canonicalByVariant.keys()].sort((a, b) => b.length - a.length);
  const pattern = keys.length ? new RegExp(keys.map((key) => termPattern(key)).join('|'), 'gu') : null;

  return function normalize(text: string): string {
    const folded = foldCharacters(text);
    if (!pattern) return folded;
    const kanaFolded = toHiragana(folded);
    let result = '';
    let last = 0;
    for (const match of kanaFolded.matchAll(pattern)) {
      const start = match.index ?? 0;
      result += folded.slice(last, start) + canonicalByVariant.get(match[0]);
      last = start + match[0].length;
    }
    return result + folded.slice(last);
  };
}
