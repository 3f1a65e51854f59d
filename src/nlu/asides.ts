/**
 * The asker's main wish: the message without its marked asides. A sentence after the first that
 * opens with ついでに, ちなみに, ところで, それと or あと ("by the way", "and also") is a side remark or
 * a second small question (「再度の支払いはマイページからですか？あとコンビニの手数料っていくら？」).
 * A desk answers the main wish, and so do the classifiers: they read the message without it.
 *
 * Only when what is left still asks something: in 「決済エラーの件は解決しました。ついでに伺いたい
 * のですが、受験票はいつ届きますか」 the question is the ついでに sentence, and it stays.
 * それとも (or) and あとから / あとで (later) are not asides.
 */

/** A sentence with the marks that end it (。.!?), on normalized text (where a line break is a space). */
const SENTENCE = /[^。.!?\n]+[。.!?\n]*|[。.!?\n]+/gu;
const ASIDE_OPENER =
  /^[\s、,・…]*(?:ついでに|ちなみに|ところで|それと(?!も)|あと(?!から|で|は|少し|ちょっと|どれ|どの|何[日分時秒週]|[0-9一二三]))/u;
/** Something is asked or requested: a question mark, a sentence-final か/の, a wish or a question word. */
const ASKS =
  /[?]|(?:か|かな|の|っけ)[\s。.!…]*$|たい|ください|下さい|教えて|ほしい|欲しい|願い|どう|どこ|なぜ|なんで|いつ|誰|どちら|どれ|何/mu;

export interface MainWish {
  /** The text without its asides (the whole text when it has none). */
  readonly wish: string;
  /** The sentences left out, in order ('' when none). */
  readonly asides: string;
}

/** Any word that can open an aside: most messages have none, and are returned at once. */
const ANY_OPENER = /ついでに|ちなみに|ところで|それと|あと/u;

export function splitAsides(text: string): MainWish {
  if (!ANY_OPENER.test(text)) return { wish: text, asides: '' };
  const sentences = text.match(SENTENCE) ?? [];
  if (sentences.length < 2) return { wish: text, asides: '' };
  // From the last aside back: each is left out if what remains still asks something.
  const kept = [...sentences];
  const asides: string[] = [];
  for (let i = kept.length - 1; i > 0; i--) {
    if (!ASIDE_OPENER.test(kept[i]!)) continue;
    const rest = [...kept.slice(0, i), ...kept.slice(i + 1)];
    if (ASKS.test(rest.join(''))) asides.unshift(...kept.splice(i, 1));
  }
  return asides.length ? { wish: kept.join(''), asides: asides.join('') } : { wish: text, asides: '' };
}

/** Whether a text asks or requests something (a question mark, a sentence-final か, 教えて, どこ…). */
export function asksSomething(text: string): boolean {
  return ASKS.test(text);
}

export function withoutAsides(text: string): string {
  return splitAsides(text).wish;
}
