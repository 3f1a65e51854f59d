/**
 * The card company or brand a message names: a slot, filled only where the name means the card.
 *
 * Names are matched ignoring case, width, kana type, spaces, dots and long-vowel marks, so
 * らくてんかーど and ラクテンカード both find 楽天カード. Then, from data/card-companies.json:
 * - an alias (楽天カード, JCB, エポス) always names the card, unless it is inside a longer
 *   katakana word (オリコン is not オリコ);
 * - a shared name (楽天, イオン, 三井住友) is also a bank, a shop or a car maker: it names the
 *   card only when the message also speaks of a card, 3-D Secure or paying, never when a product
 *   word follows it (楽天銀行, 三井住友の銀行) or a shopping word after で (イオンで買い物);
 * - a strict name (PayPay, au PAY, ドコモ, au, JR東日本) is mostly something else, often a way to
 *   pay of its own: it names the card only beside a card word, never followed by a product word
 *   (PayPay残高, auでんき) or by で (PayPayで払う);
 * - a grade word after a name (楽天カード ゴールド, JCBプラチナ, イオンカードセレクト) is part of it,
 *   with a カード after it (楽天ゴールドカード): the classifier reads the whole as one card;
 * - no name counts before a debit word (Visaデビット, JCBギフトカード): that is not the credit card;
 * - when the message answers the bot's question about the card company, any name counts.
 */
import { escapeRegExp, foldCharacters, type Normalizer } from './normalize';
import { toHiragana } from './tokenizer';
import type { CardCompany } from './types';

export interface CardCompanyMention {
  readonly company: CardCompany;
  /** Where the name stands in the normalized text. */
  readonly start: number;
  readonly end: number;
  /** The name is the brand's 3-D Secure programme (Visa Secure, J/Secure). */
  readonly service: boolean;
}

export interface CardCompanyContext {
  /** Words that make a shared or strict name mean the card (カード, 3Dセキュア, 認証…). */
  readonly cardWords: readonly string[];
  /** Words that make a shared name mean the card (払う, 決済, エラー…). */
  readonly paymentWords: readonly string[];
  /** Words that, right after a name, make it another product (銀行, 残高, でんき…). */
  readonly productWords: readonly string[];
  /** Of those, the products that are the question's setting, not its subject (銀行, スマホ, モバイル…). */
  readonly settingWords: readonly string[];
  /** Words that, after a shared name and で, make it a shop (買い物, 購入…). */
  readonly shoppingWords: readonly string[];
  /** Words that, after a shared name and に, make it a place (入っている, ある, 行って…). */
  readonly placeWords: readonly string[];
  /** Words that, after any name, make it a debit, prepaid or gift card (デビット, ギフト…). */
  readonly debitWords: readonly string[];
  /** Words that, after any name, are the card's grade or edition and part of its name (ゴールド, セレクト…). */
  readonly gradeWords: readonly string[];
}

export interface FindOptions {
  /** The message answers the bot's question about the card company: a shared name is enough. */
  readonly expectingCompany?: boolean;
}

/** Where a name stands in the normalized text. */
export interface NameSpan {
  readonly start: number;
  readonly end: number;
}

export interface CompanyNames {
  readonly mentions: CardCompanyMention[];
  /**
   * The company names that name the question's setting instead of a card: a bank, a phone line
   * or a utility of the same name (楽天銀行から引き落とし, ソフトバンクのスマホで, 楽天モバイルの回線).
   */
  readonly settings: NameSpan[];
}

export interface CardCompanyFinder {
  (normalizedText: string, options?: FindOptions): CardCompanyMention[];
  /** The card companies a text names, and the names that are only its setting, in one reading. */
  names(normalizedText: string): CompanyNames;
}

const IGNORED = /[\sー・･.\-_/]/gu;
const IGNORED_BETWEEN = '[\\sー・･.\\-_/]*';
const ASCII_LETTER = /[a-z]/;
const KATAKANA = /[\u30a1-\u30fa\u30fc]/u;
const HIRAGANA = /[\u3041-\u3096]/u;
/** What may follow a name written in hiragana: a particle, then anything but more of the same word. */
const PARTICLE_AFTER = /^(の|で|が|は|を|に|も|と|か|や|へ|って|から|だ|です)/u;
/**
 * Katakana words that may follow a katakana name and still be the card (エポスゴールド), or its
 * company's app (エポスアプリ; a shared or strict name before アプリ is another product: PayPayアプリ).
 */
const CARD_KATAKANA = [
  'カード',
  'アプリ',
  'ゴールド',
  'プラチナ',
  'クラシック',
  'ブラック',
  'セレクト',
  'プラス',
  'セキュア',
  'ネット',
];

/** What may stand between a name and its grade (楽天カード ゴールド), and the カード after a grade. */
const BEFORE_GRADE = /^[\s・･]*/u;
const CARD_AFTER_GRADE = /^[\s・･]*(?:かーど|card)/u;

type NameKind = 'alias' | 'shared' | 'strict' | 'service';

interface Name {
  readonly company: CardCompany;
  readonly kind: NameKind;
}

/** A pattern for a name: spaces and dots may stand between its letters; ASCII names not inside ASCII words. */
function namePattern(key: string): string {
  const before = ASCII_LETTER.test(key[0] ?? '') ? '(?<![a-z])' : '';
  const after = ASCII_LETTER.test(key.at(-1) ?? '') ? '(?![a-z])' : '';
  return `${before}${[...key].map(escapeRegExp).join(IGNORED_BETWEEN)}${after}`;
}

/** Around a name given alone: spaces and punctuation, and after it a copula at most. */
const NOTHING = /^[\s\p{P}\p{S}]*$/u;
const ALONE_AFTER = /^[\s\p{P}\p{S}]*(?:です|でした|だよ|ですが|だけど)?[\s\p{P}\p{S}]*$/u;

function startsWithAny(text: string, words: readonly string[]): boolean {
  return words.some((word) => text.startsWith(word));
}

export function createCardCompanyFinder(
  companies: readonly CardCompany[],
  context: CardCompanyContext,
  normalize: Normalizer,
): CardCompanyFinder {
  const keyOf = (text: string) => toHiragana(text).replace(IGNORED, '');
  const nameByKey = new Map<string, Name>();
  for (const company of companies) {
    const names: { alias: string; kind: NameKind }[] = [
      ...[company.name, ...company.aliases].map((alias) => ({ alias, kind: 'alias' as const })),
      ...company.sharedNames.map((alias) => ({ alias, kind: 'shared' as const })),
      ...company.strictNames.map((alias) => ({ alias, kind: 'strict' as const })),
      ...company.serviceNames.map((alias) => ({ alias, kind: 'service' as const })),
    ];
    for (const { alias, kind } of names) {
      // As normalized (romaji read as kana) and as written, for English text, where romaji is kept.
      for (const key of new Set([keyOf(normalize(alias)), keyOf(foldCharacters(alias))])) {
        const other = nameByKey.get(key);
        if (other && other.company.id !== company.id) {
          throw new Error(
            `Error at createCardCompanyFinder: name "${alias}" names both ${other.company.id} and ${company.id}`,
          );
        }
        if (key) nameByKey.set(key, { company, kind });
      }
    }
  }
  // Longest first, so that 楽天カード is read before 楽天. One pattern per first letter, tried only
  // where a text has that letter: a single pattern of every name was tried at every position
  // and took most of this function's time.
  const keys = [...nameByKey.keys()].sort((a, b) => b.length - a.length);
  const keysByFirst = new Map<string, string[]>();
  for (const key of keys) {
    const named = keysByFirst.get(key[0]!) ?? [];
    named.push(key);
    keysByFirst.set(key[0]!, named);
  }
  const patternByFirst = new Map(
    [...keysByFirst].map(([first, named]) => [first, new RegExp(named.map(namePattern).join('|'), 'uy')]),
  );

  /** The names in a text, leftmost first, each read as the longest name that starts there. */
  function* namesIn(kana: string): Generator<{ text: string; index: number }> {
    for (let index = 0; index < kana.length; index++) {
      const pattern = patternByFirst.get(kana[index]!);
      if (!pattern) continue;
      pattern.lastIndex = index;
      const match = pattern.exec(kana);
      if (!match) continue;
      yield { text: match[0], index };
      index += match[0].length - 1;
    }
  }
  const fold = (words: readonly string[]) => words.map((word) => toHiragana(normalize(word)));
  const cardWords = fold(context.cardWords);
  const paymentWords = fold(context.paymentWords);
  const productWords = fold(context.productWords);
  const shoppingWords = fold(context.shoppingWords);
  const placeWords = fold(context.placeWords);
  const debitWords = fold(context.debitWords);
  const settingWords = fold(context.settingWords);
  const gradeWords = fold(context.gradeWords);

  /** How much of the text after a name is its grade (ゴールド, プラチナカード), or 0. */
  function gradeLength(after: string): number {
    const space = BEFORE_GRADE.exec(after)![0].length;
    const grade = gradeWords.find((word) => after.startsWith(word, space));
    if (!grade) return 0;
    const graded = space + grade.length;
    return graded + (CARD_AFTER_GRADE.exec(after.slice(graded))?.[0].length ?? 0);
  }

  /** 楽天銀行, auでんき, ドコモの携帯料金: what follows the name (or its の), where a product word would be. */
  function productPlace(after: string): string {
    return after.replace(/^\s*の?\s*/u, '');
  }

  /**
   * A name run into a longer word of the same script is another word: オリコン is not オリコ,
   * and the ますた of ございますため is not マスター. After a name written in hiragana, only a
   * particle may follow (らくてんの かーど).
   */
  function isInsideLongerWord(text: string, start: number, end: number): boolean {
    const before = text[start - 1] ?? '';
    const after = text.slice(end);
    const first = text[start] ?? '';
    const last = text[end - 1] ?? '';
    if (KATAKANA.test(first) && KATAKANA.test(before)) return true;
    if (KATAKANA.test(last) && KATAKANA.test(after[0] ?? '') && !startsWithAny(after, CARD_KATAKANA))
      return true;
    // 「使えてたらくてんカード」: a hiragana name run into the hiragana before it, but one with カード.
    const withCard = /(?:カード|かーど)$/u.test(text.slice(start, end)) || after.startsWith('カード');
    if (HIRAGANA.test(first) && HIRAGANA.test(before) && !withCard) return true;
    return HIRAGANA.test(last) && HIRAGANA.test(after[0] ?? '') && !PARTICLE_AFTER.test(after);
  }

  /** イオンで買い物, イオンに入っているコンビニ: the shop or the building, not the card. */
  function isShop(after: string): boolean {
    const rest = after.trimStart();
    const next = rest.slice(1).trimStart();
    if (rest.startsWith('で')) return startsWithAny(next, shoppingWords);
    return rest.startsWith('に') && startsWithAny(next, placeWords);
  }

  /**
   * A shared name given alone (「楽天」, 「イオンです。」): on this help desk that answers "which
   * card?", as a person would take it. Not a strict name: a bare 「PayPay」 or 「au」 may mean
   * paying some other way.
   */
  function givenAlone(name: Name, before: string, after: string): boolean {
    return name.kind === 'shared' && NOTHING.test(before) && ALONE_AFTER.test(after);
  }

  function inContext(name: Name, rest: string, others: readonly Name[]): boolean {
    const cardWord = cardWords.some((word) => rest.includes(word)) || others.some((o) => o.kind === 'alias');
    if (name.kind === 'strict') return cardWord;
    if (name.kind === 'shared') return cardWord || paymentWords.some((word) => rest.includes(word));
    return true;
  }

  /** Each name in a text, and whether it may name the card, names the question's setting, or neither. */
  function readNames(normalizedText: string, kana: string) {
    /** `end` is where the name ends with its grade; `nameEnd`, where the name itself does (for its context). */
    const read: { name: Name; start: number; end: number; nameEnd: number; as: 'card' | 'setting' }[] = [];
    for (const match of namesIn(kana)) {
      const name = nameByKey.get(keyOf(match.text));
      const start = match.index;
      // A long-vowel mark after the name is part of it (マスター is matched as マスタ).
      const end =
        start + match.text.length + (/^[ーｰ]+/u.exec(kana.slice(start + match.text.length))?.[0].length ?? 0);
      if (!name) continue;
      const after = kana.slice(end);
      if (isInsideLongerWord(normalizedText, start, end)) continue;
      const product = productPlace(after);
      if (startsWithAny(product, debitWords)) continue;
      if (name.kind !== 'alias' && name.kind !== 'service' && startsWithAny(product, productWords)) {
        if (startsWithAny(product, settingWords))
          read.push({ name, start, end, nameEnd: end, as: 'setting' });
        continue;
      }
      if (name.kind === 'shared' && isShop(after)) continue;
      if (name.kind === 'strict' && /^\s*で(?!す)/u.test(after)) continue;
      read.push({ name, start, end: end + gradeLength(after), nameEnd: end, as: 'card' });
    }
    return read;
  }

  function companyNames(normalizedText: string, options: FindOptions = {}): CompanyNames {
    const kana = toHiragana(normalizedText);
    const read = readNames(normalizedText, kana);
    const found = read.filter((name) => name.as === 'card');
    const mentions = found
      .filter(({ name, start, end, nameEnd }) => {
        if (options.expectingCompany) return true;
        if (found.length === 1 && givenAlone(name, kana.slice(0, start), kana.slice(end))) return true;
        const rest = `${kana.slice(0, start)} ${kana.slice(nameEnd)}`;
        return inContext(
          name,
          rest,
          found.filter((other) => other.start !== start).map((other) => other.name),
        );
      })
      .map(({ name, start, end }) => ({
        company: name.company,
        start,
        end,
        service: name.kind === 'service',
      }));
    const settings = read.filter((name) => name.as === 'setting').map(({ start, end }) => ({ start, end }));
    return { mentions, settings };
  }

  return Object.assign(
    (normalizedText: string, options?: FindOptions) => companyNames(normalizedText, options).mentions,
    { names: (normalizedText: string) => companyNames(normalizedText) },
  );
}
