/**
 * A message made of nothing but pleasantries is small talk, however formal: 「お世話になります。」,
 * 「拝啓 時下ますますご清祥のこととお慶び申し上げます。」, 「もしもし？聞いてる？」 greet; the same
 * with a word of thanks (「重ねて御礼申し上げます。敬具」) thanks. A person at a support desk reads
 * these as such at once; the classifiers cannot, because every formal question carries the same
 * words (お世話, 申し上げる) whatever it asks. A message with anything else in it is left to the
 * classifiers.
 *
 * Read on the normalized text (NFKC, lower case).
 */

const POLITE = String.raw`(?:いた|致)?`;
/** Letter formulae, greetings, self-introductions and calls for attention. */
const FORMULAE = [
  String.raw`拝啓|謹啓|前略|敬具|謹白|草々|かしこ`,
  // A letter's addressee: 「ご担当者様」, 「サポートセンター御中」.
  String.raw`(?:ご|御)?担当(?:者)?(?:様|さま|殿|の方)へ?|[^。!?、]{1,20}?御中`,
  String.raw`時下[^。!?]*?申し上げます`,
  String.raw`(?:いつも|毎度|平素より?)?(?:大変|たいへん)?(?:お世話|おせわ)に(?:なって(?:おり|い)ます|なります|なりました)`,
  String.raw`(?:こんにち|こんばん)[はわ]|おはよう(?:ございます)?|はじめまして|初めまして|もしもし|お疲れ(?:様|さま)です|おつかれさまです`,
  String.raw`(?:突然|夜分|お忙しいところ|お忙しい中)?(?:の(?:ご)?連絡|に)?(?:(?:失礼|しつれい)${POLITE}します|申し訳ございません|すみません|すいません|恐れ入ります|恐縮です)`,
  String.raw`(?:初めて|はじめて)(?:ご連絡|連絡|利用)${POLITE}(?:します|しました)`,
  String.raw`(?:何卒|なにとぞ|どうぞ|どうか)?(?:よろしく|宜しく)(?:(?:お願い|おねがい)(?:${POLITE}します|申し上げます|します))?(?:です)?`,
  String.raw`(?:ちょっと|少し)?(?:いい|よろしい)(?:です|でしょう)か`,
  String.raw`(?:ちょっと|少し)?(?:お聞き|聞き|質問|相談)(?:したい|させて(?:ください|いただきたい))(?:こと|ん|の)?(?:が(?:あります|ある))?(?:んですが|のですが|です|ですが)?`,
  // 「〇〇高校事務室の者です」, 「山田と申します」: who is writing, not what they ask.
  String.raw`[^。!?、]{1,30}?(?:の者です|と申します)`,
  String.raw`(?:聞いて|聞こえて|見て)(?:ますか|る|ます)|(?:誰|だれ)か(?:いますか|いる)`,
  String.raw`hello|hi|hey`,
];
/** Words of thanks: a message of pleasantries with one of these thanks rather than greets. */
const THANKS = String.raw`(?:どうも)?ありがとう(?:ございます|ございました)?|有難う(?:ございます|ございました)?|(?:重ねて)?(?:御礼|お礼)(?:を)?申し上げます|感謝${POLITE}します|感謝しております|助かりました|お世話になりました|お手数をおかけ${POLITE}しました`;

const PLEASANTRY = new RegExp(`${THANKS}|${FORMULAE.join('|')}`, 'gu');
const THANKS_WORD = new RegExp(THANKS, 'u');
/** What may be left around pleasantries: punctuation, spaces, long marks, laughter. */
const NOTHING_ELSE = /^[\s、。,.!?！？…・ー〜~「」『』()（）【】w笑]*$/u;

export type Pleasantry = 'greeting' | 'thanks';

/** 'greeting' or 'thanks' when the message is nothing but pleasantries; undefined otherwise. */
export function onlyPleasantries(normalized: string): Pleasantry | undefined {
  // Spaces apart (「よろしく おねがい いたします」), a formula reads the same.
  const text = normalized.replace(/\s+/gu, '');
  if (NOTHING_ELSE.test(text) || !NOTHING_ELSE.test(text.replace(PLEASANTRY, ' '))) return undefined;
  return THANKS_WORD.test(text) ? 'thanks' : 'greeting';
}
