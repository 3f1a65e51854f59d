/**
 * Finds what looks like a payment card number, however it is typed: 13 to 19 digits of any
 * script (full-width, Arabic-Indic, Devanagari, mathematical…, and kanji numerals), in groups
 * separated by up to three spaces, dashes or minus signs, dots, commas, slashes or brackets, with
 * zero-width and other invisible characters anywhere, that pass the Luhn check. The number
 * itself is never returned.
 *
 * The reading is done on a "shadow" of the text: one plain character per character of the
 * original (digits as 0–9, every dash as "-", every space as " "…), invisible characters left out,
 * with the position each came from, so what is found can be masked in the original text.
 */

export const CARD_NUMBER_MASK = '[カード番号]';
export const PHONE_MASK = '[電話番号]';

export function passesLuhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let digit = digits.charCodeAt(i) - 48;
    if (double) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
    double = !double;
  }
  return sum % 10 === 0;
}

/** The text as the detectors read it, and where each of its characters came from. */
export interface ShadowText {
  readonly text: string;
  /** UTF-16 index in the original where shadow character i starts, and where it ends. */
  readonly start: readonly number[];
  readonly end: readonly number[];
}

const DECIMAL_DIGIT = /\p{Nd}/u;
/** Invisible characters, variation selectors and the keycap mark (1️⃣): read as nothing. */
const INVISIBLE = /[\p{Cf}\uFE0E\uFE0F\u20E3]/u;
const SPACE = /[\p{Zs}\t\n\r\v\f]/u;
const DASH = /[\p{Pd}\u2212\u2796\u02D7\u2043\uFE63\u30FC\uFF70\u2010-\u2015]/u;
const KANJI_DIGITS = '〇一二三四五六七八九';
/** Look-alikes outside the full-width block (U+FF01–FF5E, mapped by offset). */
const LOOK_ALIKES: Record<string, string> = {
  '・': '.',
  '･': '.',
  '․': '.',
  '·': '.',
  '‧': '.',
  '﹒': '.',
  '、': ',',
  '､': ',',
  '﹐': ',',
  '﹑': ',',
  '⁄': '/',
  '∕': '/',
  '﹙': '(',
  '﹚': ')',
  '⁽': '(',
  '⁾': ')',
  '﹫': '@',
  '﹢': '+',
  '⁺': '+',
};

const digitValues = new Map<number, number>();

/** 0–9 for any Unicode decimal digit: digits come in runs of ten, starting at zero. */
function digitValue(codePoint: number): number {
  let value = digitValues.get(codePoint);
  if (value === undefined) {
    let first = codePoint;
    while (DECIMAL_DIGIT.test(String.fromCodePoint(first - 1))) first--;
    value = (codePoint - first) % 10;
    digitValues.set(codePoint, value);
  }
  return value;
}

/**
 * Hiragana, katakana and kanji that read as themselves: most of a Japanese message, answered
 * without the Unicode property tests below. Left out: ゠ and ー (dashes) and ・ (a dot); the kanji
 * numerals are read as digits before this is asked.
 */
function isPlainJapanese(codePoint: number): boolean {
  if (codePoint >= 0x3041 && codePoint <= 0x309f) return true;
  if (codePoint >= 0x30a1 && codePoint <= 0x30fa) return true;
  if (codePoint >= 0x30fd && codePoint <= 0x30ff) return true;
  return codePoint >= 0x4e00 && codePoint <= 0x9fff;
}

/** The plain character a character of the original reads as; '' for an invisible one. */
function shadowChar(char: string): string {
  const codePoint = char.codePointAt(0)!;
  if (codePoint < 0x80) return codePoint >= 0x09 && codePoint <= 0x0d ? ' ' : char;
  const kanji = KANJI_DIGITS.indexOf(char);
  if (kanji >= 0) return String(kanji);
  if (isPlainJapanese(codePoint)) return char;
  if (DECIMAL_DIGIT.test(char)) return String(digitValue(codePoint));
  if (codePoint >= 0xff01 && codePoint <= 0xff5e) return String.fromCharCode(codePoint - 0xfee0);
  if (INVISIBLE.test(char)) return '';
  if (SPACE.test(char)) return ' ';
  if (DASH.test(char)) return '-';
  if (LOOK_ALIKES[char]) return LOOK_ALIKES[char];
  // One character per character: anything else outside the BMP reads as a symbol.
  return char.length === 1 ? char : '\uFFFD';
}

export function shadowOf(original: string): ShadowText {
  let text = '';
  const start: number[] = [];
  const end: number[] = [];
  let index = 0;
  for (const char of original) {
    const plain = shadowChar(char);
    if (plain) {
      text += plain;
      start.push(index);
      end.push(index + char.length);
    } else if (end.length > 0 && end[end.length - 1] === index) {
      // An invisible character belongs to the one before it (the keycap of 1️⃣ to its digit).
      end[end.length - 1] = index + char.length;
    }
    index += char.length;
  }
  return { text, start, end };
}

/** A run of digits in the shadow text: [from, to) and its digits. */
export interface DigitGroup {
  readonly from: number;
  readonly to: number;
  readonly digits: string;
}

/** What may stand between two groups of one number: 1–3 spaces, dashes, dots (。 too), commas, slashes, brackets. */
const GAP = /^[ \-.,/()。｡]{1,3}$/;

/** Groups of digits joined by gaps, as typed in one number (or several numbers side by side). */
export function digitChains(shadow: string): DigitGroup[][] {
  const chains: DigitGroup[][] = [];
  let chain: DigitGroup[] = [];
  for (const match of shadow.matchAll(/[0-9]+/g)) {
    const group = { from: match.index, to: match.index + match[0].length, digits: match[0] };
    const previous = chain.at(-1);
    if (previous && !GAP.test(shadow.slice(previous.to, group.from))) {
      chains.push(chain);
      chain = [];
    }
    chain.push(group);
  }
  if (chain.length > 0) chains.push(chain);
  return chains;
}

/**
 * Whether consecutive groups of the chain spell a card number ("4111 1111 1111 1111 12/27" does:
 * the expiry date is not part of it).
 */
function holdsCardNumber(chain: readonly DigitGroup[]): boolean {
  for (let first = 0; first < chain.length; first++) {
    let digits = '';
    for (let last = first; last < chain.length; last++) {
      digits += chain[last]!.digits;
      if (digits.length > 19 || digits.startsWith('0')) break;
      if (digits.length >= 13 && passesLuhn(digits)) return true;
    }
  }
  return false;
}

/** A part of the original text to replace: [from, to) in UTF-16 units. */
export interface Span {
  readonly from: number;
  readonly to: number;
  readonly mask: string;
}

/** The original span covering shadow characters [from, to). */
export function originalSpan(shadow: ShadowText, from: number, to: number, mask: string): Span {
  return { from: shadow.start[from]!, to: shadow.end[to - 1]!, mask };
}

/** The text with each span replaced by its mask (spans sorted and apart). */
export function replaceSpans(text: string, spans: readonly Span[]): string {
  let out = '';
  let at = 0;
  for (const span of [...spans].sort((a, b) => a.from - b.from)) {
    if (span.from < at) continue;
    out += text.slice(at, span.from) + span.mask;
    at = span.to;
  }
  return out + text.slice(at);
}

/** Japanese numbers have 10 or 11 digits from the trunk 0; after +81, 9 or 10. */
function isDomestic(digits: string): boolean {
  return digits.startsWith('0') && digits.length >= 10 && digits.length <= 11;
}

/** The fewest digits of any number read here: an international phone number (a card has 13). */
export const FEWEST_NUMBER_DIGITS = 8;

function isInternational(digits: string): boolean {
  if (digits.startsWith('81')) {
    const national = digits.slice(2).replace(/^0/, '');
    return national.length >= 9 && national.length <= 10;
  }
  return digits.length >= FEWEST_NUMBER_DIGITS && digits.length <= 15;
}

/** The longest run of groups from `first` whose digits satisfy `fits`; its last index, or -1. */
function longestFit(chain: readonly DigitGroup[], first: number, fits: (digits: string) => boolean): number {
  let digits = '';
  let found = -1;
  for (let last = first; last < chain.length && digits.length <= 16; last++) {
    digits += chain[last]!.digits;
    if (fits(digits)) found = last;
  }
  return found;
}

/** The phone numbers in a chain of digit groups, as shadow ranges (with the + or opening bracket). */
function phoneRanges(text: string, chain: readonly DigitGroup[]): [number, number][] {
  const ranges: [number, number][] = [];
  for (let first = 0; first < chain.length; first++) {
    const from = chain[first]!.from;
    const plus = /\+ ?\(? ?$/.exec(text.slice(Math.max(0, from - 4), from));
    const last = plus ? longestFit(chain, first, isInternational) : longestFit(chain, first, isDomestic);
    if (last < 0) continue;
    const opening = !plus && text[from - 1] === '(' ? 1 : 0;
    ranges.push([from - (plus ? plus[0].length : opening), chain[last]!.to]);
    first = last;
  }
  return ranges;
}

export function numberSpans(shadow: ShadowText): Span[] {
  const spans: Span[] = [];
  for (const chain of digitChains(shadow.text)) {
    const phones = phoneRanges(shadow.text, chain);
    // Phone numbers side by side ("090-1234-5678、03-1234-5678") are phones, even when some of
    // their groups happen to pass the Luhn check together.
    let phone = 0;
    const onlyPhones = chain.every((group) => {
      while (phone < phones.length && phones[phone]![1] < group.to) phone++;
      return phone < phones.length && phones[phone]![0] <= group.from;
    });
    if (!onlyPhones && holdsCardNumber(chain)) {
      spans.push(originalSpan(shadow, chain[0]!.from, chain.at(-1)!.to, CARD_NUMBER_MASK));
      continue;
    }
    for (const [from, to] of phones) spans.push(originalSpan(shadow, from, to, PHONE_MASK));
  }
  return spans;
}

/** Spans of the card numbers alone, with `mask`. */
function cardNumberSpans(shadow: ShadowText, mask: string): Span[] {
  return numberSpans(shadow)
    .filter((span) => span.mask === CARD_NUMBER_MASK)
    .map((span) => ({ ...span, mask }));
}

export function containsCardNumber(text: string): boolean {
  return cardNumberSpans(shadowOf(text), CARD_NUMBER_MASK).length > 0;
}

/** The text with every card number replaced by `mask`: safe to classify or log. */
export function maskCardNumbers(text: string, mask: string = CARD_NUMBER_MASK): string {
  return replaceSpans(text, cardNumberSpans(shadowOf(text), mask));
}
