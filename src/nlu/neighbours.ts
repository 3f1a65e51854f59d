/**
 * The training questions most like a message: cosine similarity of TF-IDF weighted feature sets
 * (reading n-grams count half as much as words), found through an inverted index.
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

/** The index as saved with the model: document frequencies and each example's intent and features. */
export interface NeighbourIndex {
  readonly exampleCount: number;
  readonly documentFrequency: Readonly<Record<string, number>>;
  readonly examples: readonly NeighbourExample[];
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

export function buildNeighbourIndex(examples: readonly NeighbourExample[]): NeighbourIndex {
  const documentFrequency: Record<string, number> = {};
  for (const { features } of examples) {
    for (const feature of features) {
      documentFrequency[feature] =
        (Object.hasOwn(documentFrequency, feature) ? documentFrequency[feature]! : 0) + 1;
    }
  }
  return { exampleCount: examples.length, documentFrequency, examples };
}

export function createNeighbourFinder(index: NeighbourIndex): NeighbourFinder {
  const frequency = new Map(Object.entries(index.documentFrequency));
  const weightOf = (feature: string) =>
    Math.log((index.exampleCount + 1) / ((frequency.get(feature) ?? 0) + 1)) *
    (feature.startsWith('r:') ? READING_WEIGHT : 1);

  /** Unit-length TF-IDF vector of the features the index knows. */
  function vector(features: readonly string[]): Map<string, number> {
    const weights = new Map<string, number>();
    let norm = 0;
    for (const feature of features) {
      if (!frequency.has(feature) || weights.has(feature)) continue;
      const weight = weightOf(feature);
      weights.set(feature, weight);
      norm += weight * weight;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [feature, weight] of weights) weights.set(feature, weight / norm);
    return weights;
  }

  const lists = new Map<string, { examples: number[]; weights: number[] }>();
  index.examples.forEach(({ features }, example) => {
    for (const [feature, weight] of vector(features)) {
      let list = lists.get(feature);
      if (!list) lists.set(feature, (list = { examples: [], weights: [] }));
      list.examples.push(example);
      list.weights.push(weight);
    }
  });
  const postings = new Map(
    [...lists].map(([feature, list]) => [
      feature,
      { examples: Int32Array.from(list.examples), weights: Float64Array.from(list.weights) },
    ]),
  );
  const intents = index.examples.map((example) => example.intent);
  const similarity = new Float64Array(index.examples.length);
  const seen = new Uint8Array(index.examples.length);

  return {
    nearest(features, count) {
      const touched: number[] = [];
      for (const [feature, weight] of vector(features)) {
        const posting = postings.get(feature);
        if (!posting) continue;
        const { examples, weights } = posting;
        for (let i = 0; i < examples.length; i++) {
          const example = examples[i]!;
          if (!seen[example]) {
            seen[example] = 1;
            touched.push(example);
          }
          similarity[example]! += weight * weights[i]!;
        }
      }
      // The best `count`, kept sorted by insertion: cheaper than sorting every touched example.
      const best: Neighbour[] = [];
      for (const example of touched) {
        const value = similarity[example]!;
        similarity[example] = 0;
        seen[example] = 0;
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
