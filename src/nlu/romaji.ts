/**
 * Romaji typed with the keyboard in English mode ("shiharai dekinai", "ninsyou shippai",
 * "kaado era-") read as hiragana, so the rest of the engine meets the words it knows.
 *
 * A word is converted only when all of it spells kana syllables (Hepburn or Kunrei, with
 * doubled consonants, "nn" and "-" for a long vowel) and it is not a word the engine keeps in
 * ASCII (brand names, sms, qr…). English words rarely spell syllables all through ("error",
 * "password", "card" do not), so they stay as they are.
 */

const VOWEL_KANA: Record<string, string> = { a: 'あ', i: 'い', u: 'う', e: 'え', o: 'お' };

/** Consonant onsets and the five kana each makes before a, i, u, e, o ('' where none exists). */
const ONSETS: Record<string, readonly string[]> = {
  k: ['か', 'き', 'く', 'け', 'こ'],
  s: ['さ', 'し', 'す', 'せ', 'そ'],
  t: ['た', 'ち', 'つ', 'て', 'と'],
  n: ['な', 'に', 'ぬ', 'ね', 'の'],
  h: ['は', 'ひ', 'ふ', 'へ', 'ほ'],
  m: ['ま', 'み', 'む', 'め', 'も'],
  y: ['や', '', 'ゆ', 'いぇ', 'よ'],
  r: ['ら', 'り', 'る', 'れ', 'ろ'],
  w: ['わ', 'うぃ', '', 'うぇ', 'を'],
  g: ['が', 'ぎ', 'ぐ', 'げ', 'ご'],
  z: ['ざ', 'じ', 'ず', 'ぜ', 'ぞ'],
  d: ['だ', 'ぢ', 'づ', 'で', 'ど'],
  b: ['ば', 'び', 'ぶ', 'べ', 'ぼ'],
  p: ['ぱ', 'ぴ', 'ぷ', 'ぺ', 'ぽ'],
  f: ['ふぁ', 'ふぃ', 'ふ', 'ふぇ', 'ふぉ'],
  j: ['じゃ', 'じ', 'じゅ', 'じぇ', 'じょ'],
  v: ['ゔぁ', 'ゔぃ', 'ゔ', 'ゔぇ', 'ゔぉ'],
  sh: ['しゃ', 'し', 'しゅ', 'しぇ', 'しょ'],
  ch: ['ちゃ', 'ち', 'ちゅ', 'ちぇ', 'ちょ'],
  ts: ['', '', 'つ', '', ''],
  ky: ['きゃ', '', 'きゅ', '', 'きょ'],
  sy: ['しゃ', '', 'しゅ', '', 'しょ'],
  ty: ['ちゃ', '', 'ちゅ', '', 'ちょ'],
  cy: ['ちゃ', '', 'ちゅ', '', 'ちょ'],
  ny: ['にゃ', '', 'にゅ', '', 'にょ'],
  hy: ['ひゃ', '', 'ひゅ', '', 'ひょ'],
  my: ['みゃ', '', 'みゅ', '', 'みょ'],
  ry: ['りゃ', '', 'りゅ', '', 'りょ'],
  gy: ['ぎゃ', '', 'ぎゅ', '', 'ぎょ'],
  zy: ['じゃ', '', 'じゅ', '', 'じょ'],
  jy: ['じゃ', '', 'じゅ', '', 'じょ'],
  dy: ['ぢゃ', 'でぃ', 'ぢゅ', '', 'ぢょ'],
  by: ['びゃ', '', 'びゅ', '', 'びょ'],
  py: ['ぴゃ', '', 'ぴゅ', '', 'ぴょ'],
  th: ['', 'てぃ', '', '', ''],
  dh: ['', 'でぃ', '', '', ''],
};
const VOWELS = 'aiueo';
const LONGEST_ONSET = 2;

/** ASCII words that mean themselves: never read as romaji. */
const KEPT_WORDS = new Set([
  'au',
  'aeon',
  'sms',
  'qr',
  'id',
  'ok',
  'ng',
  'pc',
  'pin',
  'jcb',
  'visa',
  'amex',
  'uc',
  'mi',
  'ts',
  'pay',
  'web',
  'url',
  'app',
  'faq',
]);

/** A word's kana, or null when some part of it is not a kana syllable. */
export function romajiWordToKana(word: string): string | null {
  let kana = '';
  let i = 0;
  while (i < word.length) {
    const ch = word[i]!;
    if (ch === '-' && kana !== '') {
      kana += 'ー';
      i++;
      continue;
    }
    if (VOWEL_KANA[ch]) {
      kana += VOWEL_KANA[ch];
      i++;
      continue;
    }
    // ん: "nn", "n'", or n before a consonant (not y) or at the end.
    if (ch === 'n') {
      const next = word[i + 1];
      if (next === 'n' && !VOWELS.includes(word[i + 2] ?? '') && word[i + 2] !== 'y') {
        kana += 'ん';
        i += 2;
        continue;
      }
      if (next === "'" || next === undefined || next === '-' || (!VOWELS.includes(next) && next !== 'y')) {
        kana += 'ん';
        i += next === "'" ? 2 : 1;
        continue;
      }
    }
    // っ: a doubled consonant (tch as in "matcha" too).
    const next = word[i + 1];
    if (next && ch === next && !VOWELS.includes(ch) && ch !== 'n') {
      kana += 'っ';
      i++;
      continue;
    }
    if (ch === 't' && word.startsWith('ch', i + 1)) {
      kana += 'っ';
      i++;
      continue;
    }
    let matched = false;
    for (let length = LONGEST_ONSET; length >= 1 && !matched; length--) {
      const onset = word.slice(i, i + length);
      const row = ONSETS[onset];
      const vowel = VOWELS.indexOf(word[i + length] || '#');
      if (row && vowel >= 0 && row[vowel]) {
        kana += row[vowel];
        i += length + 1;
        matched = true;
      }
    }
    if (!matched) return null;
  }
  return kana;
}

const ASCII_WORD = /[a-z][a-z'-]*/g;

function isCandidate(word: string): boolean {
  return word.length >= 2 && !KEPT_WORDS.has(word.replace(/[-']/g, ''));
}

/**
 * Replaces the romaji words of an already folded (lower-case, half-width ASCII) text with
 * hiragana; everything else is left as it is. A text whose ASCII words mostly do not spell
 * syllables is English ("what is 3d secure"), and English words that happen to spell syllables
 * ("one", "time", "same") are then left alone too.
 */
export function romajiToKana(text: string): string {
  if (!/[a-z]/.test(text)) return text;
  const words = (text.match(ASCII_WORD) ?? []).filter(isCandidate);
  const romaji = words.filter((word) => romajiWordToKana(word) !== null).length;
  if (romaji * 2 < words.length) return text;
  return text.replace(ASCII_WORD, (word) => (isCandidate(word) ? (romajiWordToKana(word) ?? word) : word));
}
