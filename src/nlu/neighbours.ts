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

/**
 * Words, synonym groups and reading trigrams take part; reading bigrams are left to naive Bayes:
 * they are the most common features, so most of the search's work, and cross-validation found
 * the neighbours no better with them.
 */
function takesPart(feature: string): boolean {
  return !(feature.startsWith('r:') && feature.length === 4);
}

export function buildNeighbourIndex(all: readonly NeighbourExample[]): NeighbourIndex {
  const examples = all.map(({ intent, features }) => ({ intent, features: features.filter(takesPart) }));
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
  /** Each feature's IDF weight (reading n-grams at half). */
  const idf = new Map<string, number>();
  for (const [feature, count] of Object.entries(index.documentFrequency)) {
    if (!takesPart(feature)) continue;
    const weight =
      Math.log((index.exampleCount + 1) / (count + 1)) * (feature.startsWith('r:') ? READING_WEIGHT : 1);
    idf.set(feature, weight);
  }

  /** Euclidean length of a feature set's weights (features are unique in a set). */
  function lengthOf(features: readonly string[]): number {
    let sum = 0;
    for (const feature of features) {
      const weight = idf.get(feature);
      if (weight !== undefined) sum += weight * weight;
    }
    return Math.sqrt(sum) || 1;
  }

  // Postings: for each feature, the examples holding it and its weight in each (unit-length
  // vectors), in typed arrays sized from the document frequencies and filled in one pass.
  const postings = new Map<
    string,
    { examples: Int32Array; weights: Float64Array; idf: number; filled: number }
  >();
  for (const [feature, weight] of idf) {
    const count = index.documentFrequency[feature]!;
    postings.set(feature, {
      examples: new Int32Array(count),
      weights: new Float64Array(count),
      idf: weight,
      filled: 0,
    });
  }
  index.examples.forEach(({ features }, example) => {
    const length = lengthOf(features);
    for (const feature of features) {
      const posting = postings.get(feature);
      if (!posting) continue;
      posting.examples[posting.filled] = example;
      posting.weights[posting.filled++] = posting.idf / length;
    }
  });
  const intents = index.examples.map((example) => example.intent);
  // Reused between calls: the search allocates nothing per example.
  const similarity = new Float64Array(index.examples.length);
  const touched = new Int32Array(index.examples.length);

  return {
    nearest(features, count) {
      const length = lengthOf(features);
      let touchedCount = 0;
      for (const feature of features) {
        const posting = postings.get(feature);
        // A feature every example has (weight 0) says nothing; skipping it keeps every sum above 0.
        if (!posting || posting.idf === 0) continue;
        const weight = posting.idf / length;
        const { examples, weights } = posting;
        for (let i = 0; i < examples.length; i++) {
          const example = examples[i]!;
          if (similarity[example] === 0) touched[touchedCount++] = example;
          similarity[example]! += weight * weights[i]!;
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
