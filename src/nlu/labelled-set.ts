/** Labelled question sets (JSON Lines: {"text","intent","issuer"}): the writers' sets and evaluation sets. */
import fs from 'node:fs';
import path from 'node:path';
import { isIntentId, type IntentId } from './types';

export interface LabelledQuestion {
  readonly text: string;
  readonly intent: IntentId;
  /** The id of the card company or brand the question names, or null. */
  readonly issuer: string | null;
}

export interface LabelledSet {
  /** The file name without `.jsonl`, e.g. `elderly-hiragana`. */
  readonly name: string;
  readonly questions: readonly LabelledQuestion[];
  /**
   * Nobody who tunes the engine reads it (its file name starts with `sealed-`): never trained on,
   * and only its scores are ever shown.
   */
  readonly sealed: boolean;
}

export function readLabelledSet(file: string): LabelledQuestion[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      const item = JSON.parse(line) as Partial<LabelledQuestion>;
      if (typeof item.text !== 'string' || !isIntentId(item.intent)) {
        throw new Error(`Error in ${file} line ${i + 1}: expected {"text","intent","issuer"}`);
      }
      return { text: item.text, intent: item.intent, issuer: item.issuer ?? null };
    });
}

export function labelledSetName(file: string): string {
  return path.basename(file, '.jsonl');
}

export function isSealed(file: string): boolean {
  return labelledSetName(file).startsWith('sealed-');
}

/** Every `*.jsonl` set in a folder, by name. */
export function readLabelledSets(dir: string): LabelledSet[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.jsonl'))
    .sort()
    .map((name) => {
      const file = path.join(dir, name);
      return { name: labelledSetName(file), questions: readLabelledSet(file), sealed: isSealed(file) };
    });
}
