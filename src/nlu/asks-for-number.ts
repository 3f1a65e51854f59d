/**
 * Whether a question asks for a number: how many digits, minutes, days, times or yen
 * (ワンタイムパスワードは何桁？, 再送は何回まで？, 手数料はいくら？). The help page states no
 * fee, duration, count or date (only 「一定時間のみ有効」), so such a question is answered
 * elsewhere, however close its words are to the page's. It is one piece of evidence for the
 * scope decision (scope.ts), weighed there like the others.
 *
 * Read on the normalized text (NFKC, lower case). The same words that say "many times" or
 * "however much" are not questions: 何回も, 何度やっても, 何日か前, いくら探しても.
 */

const HOW_MANY = String.raw`(?:何|なん)`;
/** Counters people ask about; 回・度 also make 「何回も」, which the follow-up below tells apart. */
const COUNTER = String.raw`(?:桁|けた|ケタ|文字|もじ|回|かい|度|分|ふん|ぷん|秒|びょう|時間|じかん|日|にち|週間|ヶ月|か月|カ月|ケ月|かげつ|円|えん|通|つう|件|けん|%|パーセント)`;
/** What follows a number asked for: まで, くらい, ですか, a question mark, the end; not も or か alone. */
const ASKING = String.raw`(?:に(?!も)|まで|くらい|ぐらい|位|ほど|程度|以内|以上|で(?:す|しょ|切|失効|無効|有効|届)|なの|なん|だっけ|かか|掛か|有効|待|必要|あ[るり]|前に|後に|ごと|毎|\?|$|。|!)`;
const NUMBER_ASKED = new RegExp(`${HOW_MANY}${COUNTER}\\s?${ASKING}`, 'u');

/** いくら / おいくら asked as a price (いくらですか, いくらかかる), not "however much" (いくら探しても). */
const PRICE_ASKED = new RegExp(
  String.raw`(?:いくら|幾ら)\s?(?:で(?:す|しょ)|かか|掛か|くらい|ぐらい|位|ほど|程度|取られ|払|必要|になる|になり|だっけ|でした|なの|なん|する|します|\?|$|。|!)`,
  'u',
);

export function asksForNumber(normalized: string): boolean {
  return NUMBER_ASKED.test(normalized) || PRICE_ASKED.test(normalized);
}
