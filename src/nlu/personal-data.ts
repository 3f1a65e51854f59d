/**
 * The one masking function for personal data: every writer (analytics, logs, the chat
 * transcript, conversation state, Application Insights) passes text through maskPersonalData
 * before it is written. It masks, however they are typed:
 *
 *   e-mail addresses   ＠ or @ with spaces around it, (at), [at], " at ", アットマーク; dots as
 *                      ．。 (dot) " dot " ドット; full-width letters
 *   card numbers       13–19 digits of any script, any separators, Luhn-valid (card-number.ts)
 *   phone numbers      10–11 digits from 0, +81 with or without (0), other +country numbers,
 *                      with the same separators (card-number.ts, which tells the two apart)
 *
 * E-mail addresses are found first (their digits are theirs), then card numbers, then phones.
 */
import {
  FEWEST_NUMBER_DIGITS,
  numberSpans,
  originalSpan,
  replaceSpans,
  type ShadowText,
  shadowOf,
  type Span,
} from './card-number';

export { PHONE_MASK } from './card-number';
export const EMAIL_MASK = '[メールアドレス]';

// On the shadow text, where every @, dot (but 。, which also ends sentences), dash and space is
// already the ASCII one.
// A local part starts where a run of its characters starts (the look-behind), so a long run of
// letters is read once, not once per position.
const LOCAL = String.raw`(?<![a-z0-9_%+.\-])[a-z0-9_%+\-]+(?:\.[a-z0-9_%+\-]+)*`;
const BRACKETED = (word: string) => String.raw`[(\[<{] ?${word} ?[)\]>}]`;
const AT = String.raw` {0,3}(?:@|${BRACKETED('at')}|(?<= )at(?= )|あっと(?:ま-く)?|アット(?:マ-ク)?) {0,3}`;
const DOT = String.raw` {0,2}(?:[.。｡]|${BRACKETED('dot')}|(?<= )dot(?= )|ドット|どっと) {0,2}`;
const LABEL = String.raw`[a-z0-9\-]+`;
const TOP_LEVEL = String.raw`[a-z]{2,63}(?![a-z0-9])`;
const EMAIL = new RegExp(`${LOCAL}${AT}(?:${LABEL}${DOT})+${TOP_LEVEL}`, 'giu');

function emailSpans(shadow: ShadowText): Span[] {
  return [...shadow.text.matchAll(EMAIL)].map((match) =>
    originalSpan(shadow, match.index, match.index + match[0].length, EMAIL_MASK),
  );
}

/**
 * Whether the shadow text could hold anything masked: every address ends in a top-level domain
 * of two letters or more, every number has at least FEWEST_NUMBER_DIGITS digits. Most messages
 * have neither and are returned as they are, without the searches below.
 */
function mayHoldPersonalData(shadowText: string): boolean {
  if (/[a-z]{2}/i.test(shadowText)) return true;
  let digits = 0;
  for (let i = 0; i < shadowText.length; i++) {
    const code = shadowText.charCodeAt(i);
    if (code >= 0x30 && code <= 0x39 && ++digits >= FEWEST_NUMBER_DIGITS) return true;
  }
  return false;
}

/** The text with e-mail addresses, card numbers and phone numbers replaced by their masks. */
export function maskPersonalData(text: string): string {
  const shadow = shadowOf(text);
  if (!mayHoldPersonalData(shadow.text)) return text;
  const emails = emailSpans(shadow);
  if (emails.length === 0) return replaceSpans(text, numberSpans(shadow));
  // Digits inside an address belong to it: blank the addresses out before reading numbers.
  let blanked = shadow.text;
  for (const match of shadow.text.matchAll(EMAIL)) {
    blanked =
      blanked.slice(0, match.index) +
      '#'.repeat(match[0].length) +
      blanked.slice(match.index + match[0].length);
  }
  return replaceSpans(text, [...emails, ...numberSpans({ ...shadow, text: blanked })]);
}
