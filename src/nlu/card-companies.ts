/**
 * Recognizes the card companies and brands a question names, from their aliases
 * (kanji, kana, romaji, abbreviations). Matching ignores case, width, kana type,
 * spaces, dots and long-vowel marks, so らくてんかーど and ラクテンカード both find 楽天カード.
 */
import { type Normalizer, termPattern } from './normalize';
import { toHiragana } from './tokenizer';
import type { CardCompany } from './types';

export interface CardCompanyMention {
  readonly company: CardCompany;
  /** Where the name stands in the normalized text. */
  readonly start: number;
  readonly end: number;
}

export type CardCompanyFinder = (normalizedText: string) => CardCompanyMention[];

const IGNORED = /[\sー・･.\-_/]/gu;
const IGNORED_BETWEEN = '[\\sー・･.\\-_/]*';

export function createCardCompanyFinder(
  companies: readonly CardCompany[],
  normalize: Normalizer,
): CardCompanyFinder {
  const keyOf = (text: string) => toHiragana(text).replace(IGNORED, '');
  const companyByKey = new Map<string, CardCompany>();
  for (const company of companies) {
    for (const alias of [company.name, ...company.aliases]) {
      const key = keyOf(normalize(alias));
      const other = companyByKey.get(key);
      if (other && other.id !== company.id) {
        throw new Error(
          `Error at createCardCompanyFinder: alias "${alias}" names both ${other.id} and ${company.id}`,
        );
      }
      if (key) companyByKey.set(key, company);
    }
  }
  const keys = [...companyByKey.keys()].sort((a, b) => b.length - a.length);
  const pattern = new RegExp(keys.map((key) => termPattern(key, IGNORED_BETWEEN)).join('|'), 'gu');

  return function findCardCompanies(normalizedText: string): CardCompanyMention[] {
    const mentions: CardCompanyMention[] = [];
    for (const match of toHiragana(normalizedText).matchAll(pattern)) {
      const company = companyByKey.get(keyOf(match[0]));
      const start = match.index ?? 0;
      if (company) mentions.push({ company, start, end: start + match[0].length });
    }
    return mentions;
  };
}
