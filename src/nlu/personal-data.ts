/**
 * Masks personal data before anything is written to a log: card numbers (see card-number.ts),
 * e-mail addresses and Japanese phone numbers, in half- or full-width characters.
 */
import { maskCardNumbers } from './card-number';

const EMAIL = /[\p{L}\p{N}._%+\-＋．]+[@＠][\p{L}\p{N}.\-．]+[.．][\p{L}]{2,}/gu;
const PHONE =
  /(?:[+＋](?:81|８１)[\s\-‐－ー]?|[0０])[0-9０-９]{1,4}[\s\-‐－ー(（)）]*[0-9０-９]{1,4}[\s\-‐－ー)）]*[0-9０-９]{3,4}/gu;

export const EMAIL_MASK = '[メールアドレス]';
export const PHONE_MASK = '[電話番号]';

export function maskPersonalData(text: string): string {
  return maskCardNumbers(text).replace(EMAIL, EMAIL_MASK).replace(PHONE, PHONE_MASK);
}
