/**
 * Lexical knowledge beyond the team's own list: Sudachi's synonym dictionary
 * (`sudachi-synonyms-dictionary`, Apache-2.0), so that a word no training question contains
 * still meets the word the FAQ uses (締切日 and 期日, 受信 and 着信, スマートフォン and スマホ).
 *
 * Every word of a synonym group gives the feature `g:<group>`; the spellings of one lexeme
 * inside a group (申込, 申し込み, 申込み) share it too. Only groups that hold a word of the
 * training data or the document are kept: a few thousand entries, saved with the model, so
 * the 14 MB dictionary is read only when training.
 */
import fs from 'node:fs';
import path from 'node:path';
import { foldCharacters } from './normalize';

/** Word (folded dictionary form) → the synonym groups it belongs to. */
export type SynonymGroups = Readonly<Record<string, readonly string[]>>;

interface SudachiItem {
  readonly expandControl: 0 | 1 | 2;
  readonly midashi: string;
}
interface SudachiGroup {
  readonly id: string;
  readonly items: readonly SudachiItem[];
}

let dictionary: readonly SudachiGroup[] | undefined;

/** The package's JSON file, read directly (its `fetchDictionary()` is the same file behind a promise). */
function loadSudachiSynonyms(): readonly SudachiGroup[] {
  const folder = path.dirname(require.resolve('sudachi-synonyms-dictionary'));
  dictionary ??= JSON.parse(
    fs.readFileSync(path.join(folder, 'sudachi-synonyms-dictionary.json'), 'utf8'),
  ) as readonly SudachiGroup[];
  return dictionary;
}

/**
 * The groups that hold at least one of `vocabulary`'s words, as a word → groups table.
 * Entries Sudachi marks "never expand" (expandControl 2) are left out.
 */
export function collectSynonymGroups(vocabulary: ReadonlySet<string>): SynonymGroups {
  const groups = loadSudachiSynonyms();
  const table: Record<string, string[]> = {};
  for (const group of groups) {
    const words = group.items
      .filter((item) => item.expandControl !== 2)
      .map((item) => foldCharacters(item.midashi));
    if (!words.some((word) => vocabulary.has(word))) continue;
    for (const word of new Set(words)) (table[word] ??= []).push(group.id);
  }
  return table;
}
