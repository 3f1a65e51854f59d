/**
 * The training questions most like a message: cosine similarity of TF-IDF weighted feature sets
 * (reading trigrams count half as much as words), found through an inverted index.
 *
 * Two decisions read it: the intents of the nearest questions vote beside naive Bayes, and the
 * share of out-of-scope questions among them, with the similarity of the nearest in-scope and
 * out-of-scope question, is evidence for the scope decision.
 */
import type { IntentId } from './types';

export interface NeighbourExample {
  readonly intent: IntentId;
  readonly features: readonly string[];
}

/**
 * The index as saved with the model: every feature that takes part, and each example's intent and
 * features as positions in that list (numbers: the saved model is smaller, and start-up builds the
 * search from it without looking strings up).
 */
export interface NeighbourIndex {
  readonly features: readonly string[];
  readonly examples: readonly { readonly intent: IntentId; readonly features: readonly number[] }[];
}

export interface Neighbour {
  readonly intent: IntentId;
  readonly similarity: number;
}

export interface NeighbourFinder {
  /** The `count` most similar training questions, most similar first. */
  nearest(features: readonly string[], count: number): Neighbour[];
}

const READING_WEIGHT = 0.5;

/**
 * Words, synonym groups and reading trigrams take part; reading bigrams are left to naive Bayes:
 * they are the most common features, so most of the search's work, and cross-validation found
 * the neighbours no better with them.
 */
function takesPart(feature: string): boolean {
  return !(feature.startsWith('r:') && feature.length === 4);
}

export function buildNeighbourIndex(all: readonly NeighbourExample[]): NeighbourIndex {
  const position = new Map<string, number>();
  const features: string[] = [];
  const examples = all.map(({ intent, features: own }) => ({
    intent,
    features: own.filter(takesPart).map((feature) => {
      let at = position.get(feature);
      if (at === undefined) {
        at = features.length;
        position.set(feature, at);
        features.push(feature);
      }
      return at;
    }),
  }));
  return { features, examples };
}

export function createNeighbourFinder(index: NeighbourIndex): NeighbourFinder {
  const exampleCount = index.examples.length;
  const position = new Map(index.features.map((feature, at) => [feature, at]));
  /** How many examples hold each feature. */
  const documentFrequency = new Int32Array(index.features.length);
  for (const { features } of index.examples) for (const at of features) documentFrequency[at]! += 1;
  /** Each feature's IDF weight (reading n-grams at half). */
  const idf = Float64Array.from(
    index.features,
    (feature, at) =>
      Math.log((exampleCount + 1) / (documentFrequency[at]! + 1)) *
      (feature.startsWith('r:') ? READING_WEIGHT : 1),
  );

  /** Euclidean length of a feature set's weights (features are unique in a set). */
  function lengthOf(positions: readonly number[]): number {
    let sum = 0;
    for (const at of positions) sum += idf[at]! * idf[at]!;
    return Math.sqrt(sum) || 1;
  }

  // Postings: for each feature, the examples holding it and its weight in each (unit-length
  // vectors), all in two flat typed arrays; feature `at` owns positions start[at] … start[at + 1] - 1.
  const start = new Int32Array(index.features.length + 1);
  documentFrequency.forEach((count, at) => (start[at + 1] = start[at]! + count));
  const filled = start.slice(0, index.features.length);
  const postedExamples = new Int32Array(start[index.features.length]!);
  const postedWeights = new Float64Array(postedExamples.length);
  index.examples.forEach(({ features }, example) => {
    const length = lengthOf(features);
    for (const at of features) {
      postedExamples[filled[at]!] = example;
      postedWeights[filled[at]!++] = idf[at]! / length;
    }
  });
  const intents = index.examples.map((example) => example.intent);
  // Reused between calls: the search allocates nothing per example.
  const similarity = new Float64Array(exampleCount);
  const touched = new Int32Array(exampleCount);

  return {
    nearest(features, count) {
      const known: number[] = [];
      for (const feature of features) {
        const at = position.get(feature);
        if (at !== undefined) known.push(at);
      }
      const length = lengthOf(known);
      let touchedCount = 0;
      for (const at of known) {
        // A feature every example has (weight 0) says nothing; skipping it keeps every sum above 0.
        if (idf[at] === 0) continue;
        const weight = idf[at]! / length;
        for (let i = start[at]!; i < start[at + 1]!; i++) {
          const example = postedExamples[i]!;
          if (similarity[example] === 0) touched[touchedCount++] = example;
          similarity[example]! += weight * postedWeights[i]!;
        }
      }
      // The best `count`, kept sorted by insertion: cheaper than sorting every touched example.
      const best: Neighbour[] = [];
      for (let t = 0; t < touchedCount; t++) {
        const example = touched[t]!;
        const value = similarity[example]!;
        similarity[example] = 0;
        if (best.length === count && value <= best[count - 1]!.similarity) continue;
        let at = best.length;
        while (at > 0 && best[at - 1]!.similarity < value) at--;
        best.splice(at, 0, { intent: intents[example]!, similarity: value });
        if (best.length > count) best.pop();
      }
      return best;
    },
  };
}
