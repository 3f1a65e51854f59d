/**
 * Reading written text as a person would, to find personal data that got through: numbers
 * however they are written (any script's digits, kanji numerals, with separators and invisible
 * characters between them), and e-mail names whatever their width or case.
 */
const KANJI_DIGITS = '〇一二三四五六七八九';
/** A run of what a typed number is made of: digits of any script, separators, invisible marks. */
const NUMBER_RUN =
  /(?:[\p{Nd}〇一二三四五六七八九\p{Zs}\p{Pd}\p{Cf}\t.,，．。、・･/／()（）+＋−ー－]|\uFE0F|\u20E3)+/gu;

function digitValue(char: string): string {
  const kanji = KANJI_DIGITS.indexOf(char);
  if (kanji >= 0) return String(kanji);
  let zero = char.codePointAt(0)!;
  while (/\p{Nd}/u.test(String.fromCodePoint(zero - 1))) zero--;
  return String((char.codePointAt(0)! - zero) % 10);
}

/** Every number in the text, as its digits 0–9 (separators and invisible characters dropped). */
export function numbersIn(text: string): string[] {
  return [...text.matchAll(NUMBER_RUN)]
    .map(([run]) =>
      [...run]
        .filter((char) => /[\p{Nd}〇一二三四五六七八九]/u.test(char))
        .map(digitValue)
        .join(''),
    )
    .filter(Boolean);
}

/** The digits 0–9 of a typed number. */
export const digitsOf = (typed: string): string => numbersIn(typed).join('');
