/**
 * Where a message asks: the last clause of its last sentence. People set the scene first and ask
 * at the end (「UQモバイルに乗り換えたばかりなんですけど、本人認証の設定ってどうやればいいんですか」,
 * 「コールセンターの人に『再決済して』と言われました。再決済ってマイページでできるんですか？」), and a
 * near miss often does the reverse (「3Dセキュアは登録済みですが、楽天銀行の口座振替ができない」).
 * The scope decision reads the words of this clause as a signal of their own, beside the whole.
 *
 * On kuromoji's tokens: the last sentence that has a content word, and within it what follows the
 * last conjunctive particle that joins a reason or a contrast (けど, が, ので, から, のに, し); the
 * whole sentence when nothing with a content word follows one. て/で, which chain verbs, do not cut.
 */
import { isContentWord } from './features';
import type { Token } from './tokenizer';

const SENTENCE_END = /^[。.!?]+$/u;
const CUTS = new Set(['けど', 'けれど', 'けれども', 'が', 'ので', 'から', 'のに', 'し']);

const cuts = (token: Token): boolean =>
  token.partOfSpeech === '助詞' && token.posDetail === '接続助詞' && CUTS.has(token.surface);

/** The tokens of the clause that asks: `tokens` itself when that is all the words there are. */
export function askClause(tokens: readonly Token[]): readonly Token[] {
  // The last sentence with a content word: [start, end).
  let end = tokens.length;
  let start = end;
  let hasWord = false;
  for (let i = tokens.length - 1; i >= 0; i--) {
    const token = tokens[i]!;
    if (SENTENCE_END.test(token.surface)) {
      if (hasWord) break;
      end = i;
    } else hasWord ||= isContentWord(token);
    start = i;
  }
  if (!hasWord) return tokens;
  // Within it, what follows the last particle that cuts, if it has a word.
  let wordAfter = false;
  for (let i = end - 1; i >= start; i--) {
    if (cuts(tokens[i]!) && wordAfter) {
      start = i + 1;
      break;
    }
    wordAfter ||= isContentWord(tokens[i]!);
  }
  const whole = !hasWordIn(tokens, 0, start) && !hasWordIn(tokens, end, tokens.length);
  return whole ? tokens : tokens.slice(start, end);
}

function hasWordIn(tokens: readonly Token[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (isContentWord(tokens[i]!)) return true;
  return false;
}
