/**
 * A message's clauses, and the one that asks. People set the scene first and ask at the end
 * (「UQモバイルに乗り換えたばかりなんですけど、本人認証の設定ってどうやればいいんですか」,
 * 「コールセンターの人に『再決済して』と言われました。再決済ってマイページでできるんですか？」), and a
 * near miss often does the reverse (「3Dセキュアは登録済みですが、楽天銀行の口座振替ができない」).
 * The scope decision reads the clause that asks (the last one) and the clause most like the FAQ
 * (wherever it stands) as signals of their own, beside the whole.
 *
 * On kuromoji's tokens: a clause ends at a sentence end or after a conjunctive particle that
 * joins a reason or a contrast (けど, が, ので, から, のに, し); て/で, which chain verbs, do not cut.
 * Only clauses with a content word count.
 */
import { isContentWord } from './features';
import type { Token } from './tokenizer';

const SENTENCE_END = /^[。.!?]+$/u;
const CUTS = new Set(['けど', 'けれど', 'けれども', 'が', 'ので', 'から', 'のに', 'し']);

const cuts = (token: Token): boolean =>
  token.partOfSpeech === '助詞' && token.posDetail === '接続助詞' && CUTS.has(token.surface);

/**
 * The clauses that have a content word, in order (the last is the clause that asks); `[tokens]`
 * itself when there is one or none.
 */
export function clauses(tokens: readonly Token[]): readonly (readonly Token[])[] {
  const bounds: [number, number][] = [];
  let start = 0;
  let hasWord = false;
  const close = (end: number) => {
    if (hasWord) bounds.push([start, end]);
    hasWord = false;
  };
  tokens.forEach((token, i) => {
    if (SENTENCE_END.test(token.surface)) {
      close(i);
      start = i + 1;
    } else {
      hasWord ||= isContentWord(token);
      if (cuts(token) && i + 1 < tokens.length) {
        close(i + 1);
        start = i + 1;
      }
    }
  });
  close(tokens.length);
  return bounds.length > 1 ? bounds.map(([from, to]) => tokens.slice(from, to)) : [tokens];
}
