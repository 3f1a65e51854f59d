/**
 * Splits and cuts text to a length limit at the most natural place: between paragraphs, then
 * lines, then sentences or words, and only as a last resort inside a word (never inside a
 * surrogate pair). Lengths are UTF-16 code units, which never undercount what LINE counts.
 */

/** Where a cut reads naturally, best first: after a paragraph, a line, a sentence, a word. */
const SEPARATORS = ['\n\n', '\n'] as const;
const SENTENCE_END = /[。．！？!?.、，,\s]/u;

/** A cut at `index` must not separate the two halves of a surrogate pair. */
function safeIndex(text: string, index: number): number {
  const code = text.charCodeAt(index - 1);
  return code >= 0xd800 && code <= 0xdbff ? index - 1 : index;
}

/** The end of the longest head of `text` within `limit` that ends at a sentence or word break. */
function naturalCut(text: string, limit: number): number {
  for (const separator of SEPARATORS) {
    const at = text.lastIndexOf(separator, limit - separator.length);
    if (at >= limit / 2) return at;
  }
  for (let end = limit; end >= limit / 2; end--) {
    if (SENTENCE_END.test(text.charAt(end - 1))) return end;
  }
  return safeIndex(text, limit);
}

/** Pieces of a text without separators, each within `limit`, cut at sentence or word breaks. */
function cutPieces(text: string, limit: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const end = Math.max(1, naturalCut(rest, limit));
    pieces.push(rest.slice(0, end).trimEnd());
    rest = rest.slice(end).trimStart();
  }
  if (rest) pieces.push(rest);
  return pieces;
}

/** Splits `text` into parts of at most `limit` characters; parts joined by blank lines read as before. */
export function splitText(text: string, limit: number, separators: readonly string[] = SEPARATORS): string[] {
  if (text.length <= limit) return text ? [text] : [];
  const [separator, ...finer] = separators;
  if (separator === undefined || !text.includes(separator)) {
    return finer.length ? splitText(text, limit, finer) : cutPieces(text, limit);
  }
  const parts: string[] = [];
  let current = '';
  for (const section of text.split(separator)) {
    const pieces = splitText(section, limit, finer);
    pieces.forEach(function pack(piece, index) {
      const joined = `${current}${separator}${piece}`;
      if (index === 0 && current && joined.length <= limit) {
        current = joined;
        return;
      }
      if (current) parts.push(current);
      current = piece;
    });
  }
  if (current) parts.push(current);
  return parts;
}

/** `text` if it fits in `limit`, otherwise its longest natural head that fits with `ellipsis` after it. */
export function truncateText(text: string, limit: number, ellipsis: string): string {
  if (text.length <= limit) return text;
  const room = limit - ellipsis.length;
  const head = text.slice(0, naturalCut(text, room)).trimEnd();
  return `${head}${ellipsis}`;
}
