/**
 * What a short reply to the bot's question says, in its many spellings: yes, no, no thanks,
 * okay, thanks, it helped / it did not, none of these, I don't know, or a number (a button's or
 * a list item's). Only a whole message counts: 「はい」 and 「はい！」 do, 「はい、あと登録方法も」
 * does not (that is a question). Width, case, katakana, spaces, punctuation and emoji do not matter.
 */

export type AnswerWord =
  'yes' | 'no' | 'noThanks' | 'okay' | 'thanks' | 'helpful' | 'unhelpful' | 'noneOfThese' | 'dontKnow';

export type Reading = { readonly word: AnswerWord } | { readonly number: number };

const WORDS: Record<AnswerWord, readonly string[]> = {
  yes: [
    'はい',
    'はーい',
    'はいはい',
    'はぁい',
    'はいっ',
    'うん',
    'うんうん',
    'ええ',
    'そう',
    'そうです',
    'おねがい',
    'お願い',
    'おねがいします',
    'お願いします',
    'お願いいたします',
    'おねがいいたします',
    'よろしく',
    'よろしくおねがいします',
    'よろしくお願いします',
    'よろしくお願いいたします',
    'ぜひ',
    '是非',
    'ぜひおねがいします',
    'ぜひお願いします',
    '是非お願いします',
    'はいおねがいします',
    'はいお願いします',
    'はいぜひ',
    'みたい',
    '見たい',
    '見たいです',
    'みたいです',
    'みせて',
    '見せて',
    '見せてください',
    'みせてください',
    'おしえて',
    '教えて',
    '教えてください',
    'おしえてください',
    '知りたい',
    '知りたいです',
    '案内して',
    '案内してください',
    'ご案内ください',
    'ご案内お願いします',
    '案内お願いします',
    'ひつよう',
    '必要',
    '必要です',
    'いる',
    'います',
    'いります',
    '要ります',
    'yes',
    'y',
    'yeah',
    'yep',
    'sure',
    'please',
    'いえす',
  ],
  no: [
    'いいえ',
    'いえ',
    'いや',
    'いやいや',
    'ううん',
    'いいや',
    'no',
    'n',
    'nope',
    'のー',
    'ちがう',
    '違う',
    'ちがいます',
    '違います',
    'そうではない',
    'そうではありません',
  ],
  noThanks: [
    'いいです',
    'いいよ',
    'いいえけっこうです',
    'いいえ結構です',
    'けっこうです',
    '結構です',
    '結構',
    'だいじょうぶ',
    '大丈夫',
    '大丈夫です',
    'だいじょうぶです',
    'いいえ大丈夫です',
    '不要',
    '不要です',
    'いらない',
    'いらないです',
    'いりません',
    '要らない',
    '要りません',
    '必要ない',
    '必要ないです',
    '必要ありません',
    'ひつようない',
    'いまはいい',
    '今はいい',
    '今はいいです',
    'やめておきます',
    'やめとく',
    'やめます',
    'nothanks',
    'のーさんきゅー',
  ],
  okay: [
    '了解',
    '了解です',
    '了解しました',
    'りょうかい',
    'りょうかいです',
    'りょ',
    '承知',
    '承知しました',
    '承知いたしました',
    'かしこまりました',
    'わかった',
    'わかりました',
    '分かった',
    '分かりました',
    'はいわかりました',
    'はい分かりました',
    'はい了解です',
    'なるほど',
    'なるほどです',
    'ok',
    'okay',
    'おっけー',
    'おっけ',
    'おーけー',
    'おk',
    'okです',
    'おっけーです',
    'そうですか',
    'そうなんですね',
  ],
  thanks: [
    'ありがとう',
    'ありがと',
    'ありがとうございます',
    'ありがとうございました',
    'ありがとね',
    'どうも',
    'どうもありがとう',
    'どうもありがとうございます',
    'どうもありがとうございました',
    'さんきゅー',
    'さんきゅ',
    'thanks',
    'thankyou',
    'thx',
    'ty',
    '感謝します',
    '感謝です',
  ],
  helpful: [
    '役に立った',
    '役に立ちました',
    '役立った',
    '役立ちました',
    '助かった',
    '助かりました',
    '助かります',
    '参考になった',
    '参考になりました',
    '解決した',
    '解決しました',
    'わかりやすかった',
    'わかりやすかったです',
    '分かりやすかった',
    '分かりやすかったです',
    'よかった',
    'よかったです',
    '良かった',
    '良かったです',
  ],
  unhelpful: [
    '役に立たない',
    '役に立たなかった',
    '役に立ちませんでした',
    '役に立っていない',
    '役立たない',
    '参考にならない',
    '参考になりませんでした',
    '解決しない',
    '解決しなかった',
    '解決しませんでした',
    '解決していない',
    'わかりにくい',
    '分かりにくい',
    'わかりにくかった',
    '分かりにくかった',
    'いまいち',
    'いまいちです',
    'びみょう',
    '微妙',
    '微妙です',
  ],
  noneOfThese: [
    'どれでもない',
    'どれでもないです',
    'どれでもありません',
    'どちらでもない',
    'どちらでもないです',
    'どちらでもありません',
    'どっちでもない',
    'どっちでもないです',
    '該当なし',
    '該当しない',
    '該当しません',
    '当てはまらない',
    '当てはまりません',
    'あてはまらない',
    'あてはまりません',
    '一覧にない',
    '一覧にないです',
    '一覧にありません',
    'りすとにない',
    'りすとにありません',
    '載っていない',
    '載ってない',
    '載っていません',
    'のっていない',
    'のってない',
    'ない',
    'ないです',
    'ありません',
    'その他',
    'そのほか',
    'ほか',
    '他',
    'それ以外',
    'ほかのかーど',
    '他のかーど',
    '別のかーど',
    'none',
    'other',
    'others',
  ],
  dontKnow: [
    'わからない',
    'わかりません',
    '分からない',
    '分かりません',
    '判らない',
    'わかんない',
    'わかんないです',
    'わからないです',
    '分からないです',
    'しらない',
    '知らない',
    '知りません',
    '不明',
    '不明です',
    '忘れた',
    '忘れました',
    'わすれた',
    '覚えていない',
    '覚えてない',
    'idk',
    'dontknow',
    'idontknow',
  ],
};

/** 「カード会社が」, 「どこか」…: what may come before 「わからない」 in the same breath. */
const DONT_KNOW_TOPIC =
  /^(?:(?:ご利用の|利用している|使っている)?(?:かーど会社|会社|かーど|ぶらんど|国際ぶらんど|発行会社|発行元|どこ|どれ|どの会社|どのかーど会社|どのかーど|なに|何)(?:の名前|名)?(?:が|は|か|かが|なのか|なのかが)?)/u;

const BY_TEXT: ReadonlyMap<string, AnswerWord> = new Map(
  (Object.entries(WORDS) as [AnswerWord, readonly string[]][]).flatMap(([word, spellings]) =>
    spellings.map((spelling) => [spelling, word] as const),
  ),
);

const KANJI_DIGITS = '一二三四五六七八九';

/** 一 … 九, 十 … 十九, 二十 … 九十九. */
function kanjiNumber(text: string): number | undefined {
  const digit = (character: string) => KANJI_DIGITS.indexOf(character) + 1;
  if (text.length === 1 && digit(text) > 0) return digit(text);
  const match = /^([一二三四五六七八九]?)十([一二三四五六七八九]?)$/u.exec(text);
  if (!match) return undefined;
  const [, tens = '', ones = ''] = match;
  return (tens ? digit(tens) : 1) * 10 + (ones ? digit(ones) : 0);
}

/** 「1」「１」「①」「1番」「2番目」「3です」「No.4」「五」. */
function readNumber(text: string): number | undefined {
  const match =
    /^(?:no|番号)?(.+?)(?:番目|番|つ目|です|にします|でおねがいします|でお願いします|で|を)*$/u.exec(text);
  const core = match?.[1] ?? text;
  if (/^\d{1,2}$/.test(core)) return Number(core);
  return kanjiNumber(core);
}

/** Folds a message to the form the word lists are written in. */
export function foldAnswer(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u30a1-\u30f6]/gu, (katakana) => String.fromCharCode(katakana.charCodeAt(0) - 0x60))
    .replace(/(?:[\s\p{P}\p{S}\p{Extended_Pictographic}]|\u200d|\ufe0f)+/gu, '');
}

/** Messages repeat (buttons, the same few replies): readings are remembered, a bounded number. */
const readings = new Map<string, Reading | undefined>();
const MAX_REMEMBERED = 2000;

/** What the whole message answers, or undefined when it is something else (a question, say). */
export function readAnswer(text: string): Reading | undefined {
  if (typeof text !== 'string' || text.length > 40) return undefined;
  if (readings.has(text)) return readings.get(text);
  const reading = readShortMessage(text);
  if (readings.size >= MAX_REMEMBERED) readings.clear();
  readings.set(text, reading);
  return reading;
}

function readShortMessage(text: string): Reading | undefined {
  const folded = foldAnswer(text);
  if (!folded) return undefined;
  const word = BY_TEXT.get(folded);
  if (word) return { word };
  const topicless = folded.replace(DONT_KNOW_TOPIC, '');
  if (topicless !== folded && BY_TEXT.get(topicless) === 'dontKnow') return { word: 'dontKnow' };
  const number = readNumber(folded);
  return number !== undefined && number > 0 ? { number } : undefined;
}

/** Button texts come from the data, a few dozen: each is folded once. */
const foldedButtons = new Map<string, string>();

/** Whether `foldedText` (a message after foldAnswer) is this button's text, so 「はい。」 presses 「はい」. */
export function pressesButton(foldedText: string, buttonText: string): boolean {
  let folded = foldedButtons.get(buttonText);
  if (folded === undefined) {
    folded = foldAnswer(buttonText);
    if (foldedButtons.size < 1000) foldedButtons.set(buttonText, folded);
  }
  return folded === foldedText;
}
