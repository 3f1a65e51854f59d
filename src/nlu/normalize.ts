/**
 * Text normalization before tokenizing: width, case, odd characters, emoji, dashes, and romaji
 * typed in English mode read as hiragana. No vocabulary is involved here: the team's spellings
 * of the FAQ's terms are folded on morpheme boundaries, after tokenizing (lexicon.ts).
 */
import { romajiToKana } from './romaji';

/** One spelling of a term and the variants folded to it (data/synonyms.json). */
export interface SynonymEntry {
  readonly canonical: string;
  readonly variants: readonly string[];
}

export type Normalizer = (text: string) => string;

/** The first `max` characters, as people count them: no emoji or other pair of UTF-16 units is cut. */
export function firstCharacters(text: string, max: number): string {
  // No text has more characters than UTF-16 units: a short one is kept whole.
  if (text.length <= max) return text;
  return Array.from(text).slice(0, max).join('');
}

const CONTROL_OR_FORMAT = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Cs}]/gu;
const PICTOGRAPHIC = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\u{FE0E}\u{FE0F}\u{20E3}]/gu;
const DASH_BETWEEN_KANA =
  /([\u3041-\u3096\u30a1-\u30fa])[-‐‑‒–—―−ｰ~〜](?=[\u3041-\u3096\u30a1-\u30fa]|$|\s)/gu;
const SPACES = /\s+/gu;

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

/** What the engine tokenizes: the folded characters, with romaji words read as hiragana. */
export function normalize(text: string): string {
  return romajiToKana(foldCharacters(text));
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
