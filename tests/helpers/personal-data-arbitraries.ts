/**
 * fast-check generators of personal data as people type it: card numbers, phone numbers and
 * e-mail addresses in every width, script, separator and spelling the masking must cover, and
 * sentences around them that hold no digit, Latin letter or @ of their own (so that anything of
 * that kind left after masking is a leak).
 */
import fc from 'fast-check';

/** The zero of decimal digit sets people's keyboards and phones produce. */
const DIGIT_ZEROS = [
  0x30, // ASCII
  0xff10, // full-width
  0x660, // Arabic-Indic
  0x6f0, // Eastern Arabic-Indic (Persian)
  0x966, // Devanagari
  0x9e6, // Bengali
  0xe50, // Thai
  0x1040, // Myanmar
  0x1d7ce, // mathematical bold
  0x1d7f6, // mathematical monospace
];

const digitString = (digits: string, zeros: readonly number[]) =>
  [...digits].map((digit, i) => String.fromCodePoint(zeros[i % zeros.length]! + Number(digit))).join('');

/** One script for the whole number, or a different one digit by digit. */
const scripts = fc.oneof(
  fc.constantFrom(...DIGIT_ZEROS).map((zero) => [zero]),
  fc.array(fc.constantFrom(...DIGIT_ZEROS), { minLength: 2, maxLength: 6 }),
);

const INVISIBLE = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD'];

/** Zero-width characters sprinkled into a typed number (each position, sometimes). */
const sprinkled = (typed: string) =>
  fc.array(fc.tuple(fc.nat(), fc.constantFrom(...INVISIBLE)), { maxLength: 3 }).map((inserts) => {
    const chars = [...typed];
    for (const [at, invisible] of inserts) chars.splice(at % (chars.length + 1), 0, invisible);
    return chars.join('');
  });

const CARD_SEPARATORS = [
  ' ',
  '  ',
  '\u3000',
  '\t',
  '-',
  '‐',
  '‑',
  '‒',
  '–',
  '—',
  '―',
  '−',
  'ー',
  'ｰ',
  '－',
  '﹣',
  ' - ',
  '.',
  '．',
  '。',
  '・',
  '･',
  ',',
  '，',
  '、',
  '/',
  '／',
  '\u200B',
];

function luhnCheckDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let digit = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return String((10 - (sum % 10)) % 10);
}

/** A Luhn-valid card number of 13–19 digits, as digits 0–9. */
export const cardDigits = fc
  .tuple(
    fc.integer({ min: 13, max: 19 }),
    fc.constantFrom('3', '4', '5', '6'),
    fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 17, maxLength: 17 }),
  )
  .map(([length, first, rest]) => {
    const body = first + rest.slice(0, length - 2).join('');
    return body + luhnCheckDigit(body);
  });

/** Digits cut into groups where `breaks` says, joined by the separators in turn, in the scripts given. */
function typedDigits(
  digits: string,
  breaks: readonly boolean[],
  separators: readonly string[],
  zeros: readonly number[],
): string {
  let out = '';
  let gap = 0;
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && breaks[i - 1]) out += separators[gap++ % separators.length];
    out += String.fromCodePoint(zeros[i % zeros.length]! + Number(digits[i]));
  }
  return out;
}

/** A card number as typed: any grouping, any separators, any digits, maybe zero-width characters. */
export const typedCardNumber = fc
  .tuple(
    cardDigits,
    fc.oneof(
      fc.constant([false, false, false, true, false, false, false, true, false, false, false, true]),
      fc.array(fc.boolean(), { minLength: 18, maxLength: 18 }),
    ),
    fc.array(fc.constantFrom(...CARD_SEPARATORS), { minLength: 1, maxLength: 3 }),
    scripts,
  )
  .chain(([digits, breaks, separators, zeros]) =>
    sprinkled(typedDigits(digits, breaks, separators, zeros)).map((typed) => ({ digits, typed })),
  );

const PHONE_SEPARATORS = ['-', '−', '–', '—', '‐', '‑', 'ー', '－', '.', '．', ' ', '  ', '\u3000', ''];
const randomDigits = (count: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: count, maxLength: count }).map((d) => d.join(''));

/** A Japanese number in groups: mobile, IP phone, toll-free or a landline with a 1–4 digit area code. */
const japaneseGroups = fc.oneof(
  fc.tuple(fc.constantFrom('070', '080', '090', '050'), randomDigits(4), randomDigits(4)),
  fc.tuple(fc.constantFrom('0120', '0570', '0800'), randomDigits(3), randomDigits(3)),
  fc.integer({ min: 1, max: 4 }).chain((areaLength) =>
    fc.tuple(
      fc.tuple(fc.integer({ min: 1, max: 9 }), randomDigits(areaLength - 1)).map(([a, b]) => `0${a}${b}`),
      randomDigits(5 - areaLength),
      randomDigits(4),
    ),
  ),
);

/** A phone number as typed: dashes of every kind, dots, spaces, brackets, +81 with or without (0). */
export const typedPhoneNumber = fc
  .tuple(
    japaneseGroups,
    fc.constantFrom(...PHONE_SEPARATORS),
    fc.constantFrom(
      'plain',
      'areaInBrackets',
      'localInBrackets',
      '+81',
      '+81(0)',
      '+81 (0)',
      '＋８１ ',
      '+81-',
    ),
    scripts,
  )
  .map(([[area, local, line], separator, style, zeros]) => {
    const digits = (text: string) => digitString(text, zeros);
    switch (style) {
      case 'areaInBrackets':
        return `(${digits(area)})${digits(local)}${separator}${digits(line)}`;
      case 'localInBrackets':
        return `${digits(area)}(${digits(local)})${digits(line)}`;
      case 'plain':
        return [area, local, line].map(digits).join(separator);
      default: {
        const national = [area.slice(1), local, line].map(digits).join(separator || '-');
        return `${style}${national}`;
      }
    }
  })
  .chain(sprinkled);

const AT_SIGNS = [
  '@',
  '＠',
  ' @ ',
  '@ ',
  ' ＠ ',
  '﹫',
  ' at ',
  ' AT ',
  '(at)',
  '[at]',
  ' (at) ',
  '<at>',
  'アットマーク',
  ' アット ',
  'あっと',
];
const DOTS = ['.', '．', ' . ', ' dot ', '(dot)', '[dot]', '。', 'ドット', '｡'];
const TOP_LEVEL = ['com', 'jp', 'net', 'org', 'info', 'tokyo', 'co.jp', 'ne.jp', 'or.jp'];
const toFullWidth = (text: string) =>
  text.replace(/[!-~]/g, (char) => String.fromCharCode(char.charCodeAt(0) + 0xfee0));

/**
 * An e-mail address as typed (at and dot spelled out or full-width, spaces around them, any
 * case), with the name before the at sign as the person wrote it.
 */
export const typedEmailParts = fc
  .tuple(
    fc.stringMatching(/^[a-z0-9]([a-z0-9_+-]{0,6}\.)?[a-z0-9_+-]{0,6}[a-z0-9]$/),
    fc.constantFrom(...AT_SIGNS),
    fc.array(fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?$/), { minLength: 1, maxLength: 2 }),
    fc.constantFrom(...DOTS),
    fc.constantFrom(...TOP_LEVEL),
    fc.constantFrom('as typed', 'full-width', 'upper case'),
  )
  .map(([local, at, labels, dot, topLevel, form]) => {
    const address = `${local}${at}${[...labels, ...topLevel.split('.')].join(dot)}`;
    if (form === 'full-width') return { local, typed: toFullWidth(address) };
    return { local, typed: form === 'upper case' ? address.toUpperCase() : address };
  });

/** An e-mail address as typed. */
export const typedEmailAddress = typedEmailParts.map(({ typed }) => typed);

/** Text around the personal data: no digit (of any script, kanji numerals too), Latin letter or @. */
export const before = fc.constantFrom(
  '',
  'カード番号は',
  '連絡先：',
  '決済できません。',
  'こちらに→',
  'メール ',
  '「',
);
export const after = fc.constantFrom(
  '',
  'です',
  'までお願いします。',
  ' で払えません',
  '」',
  '！',
  '\nよろしくお願いします',
);

/** What must not survive masking: any decimal digit, kanji numeral, Latin letter or at sign. */
export const LEAK = /[\p{Nd}〇一二三四五六七八九a-zａ-ｚ@＠﹫]/iu;
