/**
 * Intent classification with natural's naive Bayes classifier, fed so that it is naive Bayes.
 *
 * natural's BayesClassifier, given sparse observations (a message's features, which is what a
 * message is), counts the features per class but never the examples: `classTotals` stays 1 and
 * `totalExamples` 1, so its "likelihoods" are raw counts that grow with a class's size. The
 * wrapper below counts the examples itself and stores them where natural's own dense path
 * would, so natural's formula becomes the model it claims to be:
 *
 *   P(intent | message) ∝ Π over the message's features f of P(f | intent) ^ weight(kind of f),
 *   P(f | intent) = (examples of the intent with f + smoothing) / (examples of the intent + 1)
 *
 * with a uniform prior over intents (the training data's class sizes say how many questions the
 * team wrote, not how often people ask). Each kind of feature (words, synonym groups, reading
 * n-grams) has its own weight, because a message has many more n-grams than words. Scores are
 * summed in log space once per feature (natural multiplies probabilities and underflows to 0 on
 * long messages) and turned into probabilities with a temperature fitted by cross-validation,
 * so that a confidence of 0.9 is right about 9 times in 10 (see calibration.ts).
 */
import BayesClassifier from 'natural/lib/natural/classifiers/bayes_classifier';
import type { IntentId } from './types';

export interface TrainingExample {
  readonly intent: IntentId;
  readonly features: readonly string[];
}

/** natural's trained naive Bayes state: JSON-safe, so a build can save it. */
export interface BayesCounts {
  readonly classFeatures: Record<string, Record<string, number>>;
  readonly classTotals: Record<string, number>;
  readonly totalExamples: number;
  readonly smoothing: number;
}

/** Weight of each kind of feature, by its prefix (`w`, `g`, `r`). */
export type FeatureWeights = Readonly<Record<string, number>>;

export interface IntentClassifier {
  /** Every intent with its unnormalized log score, in the classifier's own order. */
  logScores(features: readonly string[]): Float64Array;
  readonly intents: readonly IntentId[];
  /** Whether any class has seen the feature in training. */
  knows(feature: string): boolean;
}

function toObservation(features: readonly string[]): Record<string, string> {
  const observation: Record<string, string> = {};
  features.forEach((feature, i) => {
    observation[i] = feature;
  });
  return observation;
}

export function trainBayes(examples: readonly TrainingExample[], smoothing = 1): BayesCounts {
  const bayes = new BayesClassifier(undefined, smoothing).classifier;
  const examplesPerIntent = new Map<string, number>();
  for (const { intent, features } of examples) {
    bayes.addExample(toObservation(features), intent);
    examplesPerIntent.set(intent, (examplesPerIntent.get(intent) ?? 0) + 1);
  }
  bayes.train();
  // natural counts examples only for dense observations; these are the counts its dense path
  // keeps (one extra per class and overall, "for smoothing").
  for (const [intent, count] of examplesPerIntent) bayes.classTotals[intent] = 1 + count;
  bayes.totalExamples = 1 + examples.length;
  const { classFeatures, classTotals, totalExamples } = bayes;
  return { classFeatures, classTotals, totalExamples, smoothing };
}

function weightOf(feature: string, weights: FeatureWeights): number {
  return weights[feature.slice(0, feature.indexOf(':'))] ?? 1;
}

export function createIntentClassifier(counts: BayesCounts, weights: FeatureWeights = {}): IntentClassifier {
  const { classFeatures, classTotals, smoothing } = counts;
  const intents = Object.keys(classFeatures) as IntentId[];
  const classes = intents.length;
  const totals = intents.map((intent) => classTotals[intent]!);
  const logUnseen = totals.map((total) => Math.log(smoothing / total));
  // One row of log-likelihoods per feature, weighted, all rows in one array.
  const rowOf = new Map<string, number>();
  for (const intent of intents) {
    for (const feature of Object.keys(classFeatures[intent]!)) {
      if (!rowOf.has(feature)) rowOf.set(feature, rowOf.size);
    }
  }
  const table = new Float64Array(rowOf.size * classes);
  const rowWeight = new Float64Array(rowOf.size);
  for (const [feature, row] of rowOf) {
    const weight = weightOf(feature, weights);
    rowWeight[row] = weight;
    for (let c = 0; c < classes; c++) table[row * classes + c] = weight * logUnseen[c]!;
  }
  intents.forEach((intent, c) => {
    const counted = classFeatures[intent]!;
    for (const feature in counted) {
      const row = rowOf.get(feature)!;
      table[row * classes + c] = rowWeight[row]! * Math.log(counted[feature]! / totals[c]!);
    }
  });

  return {
    intents,
    knows: (feature) => rowOf.has(feature),
    logScores(features) {
      const scores = new Float64Array(classes);
      for (const feature of features) {
        const row = rowOf.get(feature);
        if (row === undefined) continue; // never seen in training: says nothing about any intent
        const offset = row * classes;
        for (let c = 0; c < classes; c++) scores[c]! += table[offset + c]!;
      }
      return scores;
    },
  };
}

/** Log scores to probabilities: softmax at a temperature (higher = less sure). */
export function softmax(logScores: ArrayLike<number>, temperature = 1): Float64Array {
  let best = -Infinity;
  for (let i = 0; i < logScores.length; i++) best = Math.max(best, logScores[i]!);
  const weights = Float64Array.from({ length: logScores.length }, (_, i) =>
    Math.exp((logScores[i]! - best) / temperature),
  );
  const sum = weights.reduce((a, b) => a + b, 0);
  return weights.map((weight) => weight / sum);
}
