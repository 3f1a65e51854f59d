/**
 * The document's own text as a second source: each FAQ answer's section heading, question and
 * answer sentences, indexed by their words (dictionary forms and synonym groups, the `w:` and `g:`
 * features) and scored with BM25 (Robertson & Zaragoza's Okapi BM25, k1 = 1.2, b = 0.75).
 *
 * Wording found only in the answers (窓口, 裏面, 生体認証, 不正検知, 支払期限) is understood this
 * way, even when no training question contains it.
 */
import type { IntentId } from './types';

const K1 = 1.2;
const B = 0.75;

export interface DocumentIndex {
  /** Term → inverse document frequency. */
  readonly idf: Readonly<Record<string, number>>;
  /** Per intent: term → its BM25 weight in that intent's text (term frequency part included). */
  readonly weights: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

export function isIndexedTerm(feature: string): boolean {
  return feature.startsWith('w:') || feature.startsWith('g:');
}

/** Builds the index from each intent's document text, already turned into features (with repeats). */
export function buildDocumentIndex(documents: ReadonlyMap<IntentId, readonly string[]>): DocumentIndex {
  const termLists = [...documents].map(([intent, features]) => ({
    intent,
    terms: features.filter(isIndexedTerm),
  }));
  const averageLength = termLists.reduce((sum, doc) => sum + doc.terms.length, 0) / termLists.length;
  const documentFrequency = new Map<string, number>();
  for (const { terms } of termLists) {
    for (const term of new Set(terms)) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  }
  const count = termLists.length;
  const idf: Record<string, number> = {};
  for (const [term, frequency] of documentFrequency) {
    idf[term] = Math.log(1 + (count - frequency + 0.5) / (frequency + 0.5));
  }
  const weights: Record<string, Record<string, number>> = {};
  for (const { intent, terms } of termLists) {
    const frequency = new Map<string, number>();
    for (const term of terms) frequency.set(term, (frequency.get(term) ?? 0) + 1);
    const norm = K1 * (1 - B + (B * terms.length) / averageLength);
    weights[intent] = Object.fromEntries(
      [...frequency].map(([term, tf]) => [term, (idf[term]! * tf * (K1 + 1)) / (tf + norm)]),
    );
  }
  return { idf, weights };
}

export interface DocumentScorer {
  /** BM25 score of each of `intents` for a message's features (0 for intents with no document). */
  score(features: readonly string[]): Float64Array;
  /** Whether the document uses the term. */
  has(term: string): boolean;
}

export function createDocumentScorer(index: DocumentIndex, intents: readonly IntentId[]): DocumentScorer {
  const rows = new Map<string, Float64Array>();
  intents.forEach((intent, c) => {
    for (const [term, weight] of Object.entries(index.weights[intent] ?? {})) {
      let row = rows.get(term);
      if (!row) rows.set(term, (row = new Float64Array(intents.length)));
      row[c] = weight;
    }
  });
  return {
    has: (term) => rows.has(term),
    score(features) {
      const scores = new Float64Array(intents.length);
      for (const feature of features) {
        const row = rows.get(feature);
        if (!row) continue;
        for (let c = 0; c < scores.length; c++) scores[c]! += row[c]!;
      }
      return scores;
    },
  };
}
