/** Reads a labelled question set (JSON Lines: {"text","intent","issuer"}) for evaluation. */
import fs from 'node:fs';
import { isIntentId, type IntentId } from './types';

export interface LabelledQuestion {
  readonly text: string;
  readonly intent: IntentId;
  readonly issuer: string | null;
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
