/**
 * The team's spellings of the FAQ's terms (data/synonyms.json: variants, abbreviations, common
 * conversion mistakes) folded to one canonical word, on morpheme boundaries only.
 *
 * A variant is matched against the tokens kuromoji found, and only where it starts at the start
 * of a token and ends at the end of one: 「来ない」 is a variant of 届かない, but 「出来ない」 and
 * 「できてない」 keep their meaning, because their 来/き is inside another word. Matching compares
 * a reading-folded view (katakana as hiragana, a long-vowel mark as its vowel), so one variant
 * covers its katakana, hiragana and romaji-converted spellings.
 */
import type { SynonymEntry } from './normalize';
import { foldCharacters, normalize } from './normalize';
import { foldKana, type Token, type Tokenizer } from './tokenizer';

/** The longest variant, in tokens, worth trying at one position. */
const MAX_TOKENS_PER_VARIANT = 12;

export interface TermFolder {
  (tokens: readonly Token[]): Token[];
  /** Whether a token is a term's canonical form put in by the folder (not one the text had). */
  isTerm(token: Token): boolean;
}

export function createTermFolder(synonyms: readonly SynonymEntry[], tokenizer: Tokenizer): TermFolder {
  const canonicalTokens = new Map<string, Token[]>();
  const termTokens = new WeakSet<Token>();
  for (const { canonical, variants } of synonyms) {
    const tokens = tokenizer.tokenize(foldCharacters(canonical));
    for (const token of tokens) termTokens.add(token);
    for (const variant of [canonical, ...variants]) {
      const key = foldKana(foldCharacters(variant));
      if (key) canonicalTokens.set(key, tokens);
    }
  }
  const longestKey = Math.max(0, ...[...canonicalTokens.keys()].map((key) => key.length));

  function foldTerms(tokens: readonly Token[]): Token[] {
    // foldKana keeps the length, so each span's key is a slice of the whole text folded once.
    const starts = [0];
    for (const token of tokens) starts.push(starts.at(-1)! + token.surface.length);
    const keyText = foldKana(tokens.map((token) => token.surface).join(''));
    const folded: Token[] = [];
    let i = 0;
    while (i < tokens.length) {
      let match: { end: number; tokens: Token[] } | undefined;
      for (let j = i; j < tokens.length && j < i + MAX_TOKENS_PER_VARIANT; j++) {
        if (starts[j + 1]! - starts[i]! > longestKey) break;
        const canonical = canonicalTokens.get(keyText.slice(starts[i], starts[j + 1]));
        if (canonical) match = { end: j + 1, tokens: canonical };
      }
      if (match) {
        folded.push(...match.tokens);
        i = match.end;
      } else {
        folded.push(tokens[i]!);
        i++;
      }
    }
    return folded;
  }
  return Object.assign(foldTerms, { isTerm: (token: Token) => termTokens.has(token) });
}

export type TokenReader = (text: string) => Token[];

/** Normalize, tokenize and fold the terms: how the engine reads a text, for tools that need its words. */
export function createTokenReader(tokenizer: Tokenizer, synonyms: readonly SynonymEntry[]): TokenReader {
  const foldTerms = createTermFolder(synonyms, tokenizer);
  return (text) => foldTerms(tokenizer.tokenize(normalize(text)));
}
