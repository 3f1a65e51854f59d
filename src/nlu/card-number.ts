/**
 * Finds what looks like a payment card number: 13 to 19 digits (full-width too), optionally
 * grouped by spaces or hyphens, that pass the Luhn check. The number itself is never returned.
 */

const DIGIT_RUN = /[0-9０-９](?:[\s\-‐‑‒–—―−ー－]?[0-9０-９])*/gu;
export const CARD_NUMBER_MASK = '[カード番号]';

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

const SEPARATOR = /[^0-9]+/;

function isCardLike(digits: string): boolean {
  return digits.length >= 13 && digits.length <= 19 && passesLuhn(digits);
}

/**
 * A run of digit groups holds a card number when some consecutive groups do
 * ("4111 1111 1111 1111 12 27" still counts: the expiry date is not part of it).
 */
function isCardNumber(run: string): boolean {
  const groups = run.normalize('NFKC').split(SEPARATOR).filter(Boolean);
  for (let first = 0; first < groups.length; first++) {
    let digits = '';
    for (let last = first; last < groups.length && digits.length < 19; last++) {
      digits += groups[last];
      if (isCardLike(digits)) return true;
    }
  }
  return false;
}

export function containsCardNumber(text: string): boolean {
  for (const match of text.matchAll(DIGIT_RUN)) {
    if (isCardNumber(match[0])) return true;
  }
  return false;
}

/** The text with every card-number-like run replaced by `mask`: safe to classify or log. */
export function maskCardNumbers(text: string, mask: string = CARD_NUMBER_MASK): string {
  return text.replace(DIGIT_RUN, (run) => (isCardNumber(run) ? mask : run));
}
