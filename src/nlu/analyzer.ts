/**
 * How a text becomes what the classifiers read, as a list of stages:
 *
 *   normalize      width, case, emoji, dashes; romaji words as hiragana        (normalize.ts)
 *   cardCompanies  the card company slot, filled only in context; each accepted
 *                  name is read as the word カード, so a name never sways the intent (card-companies.ts);
 *                  a name that only sets the scene, a bank or phone line of the same name
 *                  (楽天銀行から, ソフトバンクのスマホで), is left out
 *   asides         sentences after the first that open with ついでに, ちなみに, あと, それと…
 *                  left out when the rest still asks something: the main wish     (asides.ts)
 *   tokenize       kuromoji                                                      (tokenizer.ts)
 *   foldTerms      the team's spellings of the FAQ's terms, on morpheme boundaries (lexicon.ts)
 *   readMixed      in a Japanese message, English words read through data/english.json too,
 *                  English function words (natural's stopwords) left out
 *   readEnglishWords  instead, in a message written wholly in English: English words and phrases
 *                  read as the FAQ's Japanese words (data/english.json), then the team's
 *                  spellings; English words neither lists are left out (they say nothing)
 *   features       words, synonym groups, reading n-grams                        (features.ts)
 *   clauses        the features of each clause (the last one is the clause that asks), kept
 *                  beside the whole for the scope decision                       (ask-clause.ts)
 */
import { clauses } from './ask-clause';
import { splitAsides, withoutAsides } from './asides';
import {
  type CardCompanyFinder,
  type CardCompanyMention,
  createCardCompanyFinder,
  type NameSpan,
} from './card-companies';
import { contentWords, extractFeatures, type FeatureOptions } from './features';
import type { KnowledgeBase } from './knowledge-base';
import { createTermFolder } from './lexicon';
import { normalize } from './normalize';
import { words as ENGLISH_STOPWORDS } from 'natural/lib/natural/util/stopwords';
import type { Token, Tokenizer } from './tokenizer';

/** What an accepted card company name is read as; a brand's programme name (Visa Secure) as 3-D Secure. */
const COMPANY_AS_WORD = 'カード';
const SERVICE_AS_WORD = '3dセキュア';
const JAPANESE = /[\u3041-\u30ff\u4e00-\u9fff]/u;
const ASCII_WORD = /^[a-z][a-z'-]*$/u;
const HAS_ASCII_LETTER = /[a-z]/u;

export interface Analysis {
  readonly normalized: string;
  /** The normalized text without its marked asides (asides.ts): what the asker mainly wants. */
  readonly wish: string;
  /** The asides left out of it ('' when none). */
  readonly asides: string;
  readonly mentions: readonly CardCompanyMention[];
  /** Tokens after the terms were folded, card company names read as カード. */
  readonly tokens: readonly Token[];
  /** Dictionary forms of the content words. */
  readonly words: readonly string[];
  readonly features: readonly string[];
  /**
   * The features of each clause (ask-clause.ts), in order: the last is the clause that asks;
   * `[features]` (the same array) when the message has one clause.
   */
  readonly clauseFeatures: readonly (readonly string[])[];
}

export interface Analyzer {
  analyze(text: string): Analysis;
  readonly findCardCompanies: CardCompanyFinder;
}

/**
 * The text as the classifiers read it: each card company's name as カード (a brand's programme
 * as 3Dセキュア), and a name that is only the question's setting (楽天銀行から) left out.
 */
function withCompaniesAsWord(
  normalized: string,
  mentions: readonly CardCompanyMention[],
  settings: readonly NameSpan[],
): string {
  const spans = [
    ...mentions.map(({ start, end, service }) => ({
      start,
      end,
      as: service ? SERVICE_AS_WORD : COMPANY_AS_WORD,
    })),
    ...settings.map(({ start, end }) => ({ start, end, as: '' })),
  ].sort((a, b) => a.start - b.start);
  let text = '';
  let last = 0;
  for (const { start, end, as } of spans) {
    text += `${normalized.slice(last, start)} ${as} `;
    last = end;
  }
  return text + normalized.slice(last);
}

export function createAnalyzer(
  tokenizer: Tokenizer,
  knowledgeBase: KnowledgeBase,
  synonymGroups: ReadonlyMap<string, readonly string[]>,
  featureOptions: FeatureOptions,
): Analyzer {
  const findCardCompanies = createCardCompanyFinder(
    knowledgeBase.cardCompanies,
    knowledgeBase.cardCompanyContext,
    normalize,
  );
  const foldTerms = createTermFolder(knowledgeBase.synonyms, tokenizer);
  const foldEnglish = createTermFolder(knowledgeBase.english, tokenizer);
  /**
   * English words and phrases read as the FAQ's words (data/english.json), then the team's
   * spellings; English words that neither lists and that `leaveOut` takes are left out.
   */
  function readEnglishWords(tokens: readonly Token[], leaveOut: (word: string) => boolean): Token[] {
    return foldTerms(foldEnglish(tokens)).filter(
      (token) =>
        foldEnglish.isTerm(token) ||
        foldTerms.isTerm(token) ||
        !(ASCII_WORD.test(token.surface) && leaveOut(token.surface)),
    );
  }
  const stopwords = new Set(ENGLISH_STOPWORDS);
  /**
   * A Japanese message: English words in it (payment failed, retry, conbini) are read as the FAQ's
   * words too, and English function words (is, what, at) say nothing and are left out. Most have no
   * English word: then this is the team's spellings alone.
   */
  function readMixed(tokens: readonly Token[], normalized: string): Token[] {
    if (!HAS_ASCII_LETTER.test(normalized)) return foldTerms(tokens);
    return readEnglishWords(tokens, (word) => stopwords.has(word));
  }
  return {
    findCardCompanies,
    analyze(text) {
      const normalized = normalize(text);
      const { mentions, settings } = findCardCompanies.names(normalized);
      const mainWish = splitAsides(normalized);
      const read = withCompaniesAsWord(normalized, mentions, settings);
      const raw = tokenizer.tokenize(mainWish.asides ? withoutAsides(read) : read);
      const tokens = JAPANESE.test(normalized)
        ? readMixed(raw, normalized)
        : readEnglishWords(raw, () => true);
      const features = extractFeatures(tokens, synonymGroups, featureOptions);
      const parts = clauses(tokens);
      const clauseFeatures =
        parts.length === 1
          ? [features]
          : parts.map((part) => extractFeatures(part, synonymGroups, featureOptions));
      return {
        normalized,
        ...mainWish,
        mentions,
        tokens,
        words: contentWords(tokens),
        features,
        clauseFeatures,
      };
    },
  };
}
