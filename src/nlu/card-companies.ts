/**
 * Recognizes the card companies and brands a question names, from their aliases
 * (kanji, kana, romaji, abbreviations). Matching ignores case, width, kana type,
 * spaces, dots and long-vowel marks, so らくてんかーど and ラクテンカード both find 楽天カード.
 */
import type { Normalizer } from './normalize';
import { toHiragana } from './tokenizer';
import type { CardCompany } from './types';

export type CardCompanyFinder = (normalizedText: string) => CardCompany[];

const IGNORED = /[\sー・･.\-_/]/gu;
const ASCII_LETTER = /[a-z]/;

/** The form both aliases and questions are compared in. */
function matchKey(normalizedText: string): string {
  return toHiragana(normalizedText).replace(IGNORED, '');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function aliasPattern(key: string): string {
  const before = ASCII_LETTER.test(key[0] ?? '') ? '(?<![a-z])' : '';
  const after = ASCII_LETTER.test(key[key.length - 1] ?? '') ? '(?![a-z])' : '';
  return `${before}${escapeRegExp(key)}${after}`;
}

export function createCardCompanyFinder(
  companies: readonly CardCompany[],
  normalize: Normalizer,
): CardCompanyFinder {
  const companyByKey = new Map<string, CardCompany>();
  for (const company of companies) {
    for (const alias of [company.name, ...company.aliases]) {
      const key = matchKey(normalize(alias));
      const other = companyByKey.get(key);
      if (other && other.id !== company.id) {
        throw new Error(`Error at createCardCompanyFinder: alias "${alias}" names both ${other.id} and ${company.id}`);
      }
      if (key) companyByKey.set(key, company);
    }
  }
  const keys = [...companyByKey.keys()].sort((a, b) => b.length - a.length);
  const pattern = new RegExp(keys.map(aliasPattern).join('|'), 'gu');

  return function findCardCompanies(normalizedText: string): CardCompany[] {
    const found: CardCompany[] = [];
    for (const match of matchKey(normalizedText).matchAll(pattern)) {
      const company = companyByKey.get(match[0]);
      if (company && !found.includes(company)) found.push(company);
    }
    return found;
  };
}
