/**
 * Intent classification with natural's naive Bayes classifier.
 *
 * natural trains the model (its BayesClassifier, fed sparse observations: natural's text
 * interface would turn every message into a dense vector over the whole vocabulary). To
 * classify, the trained counts are read once into per-feature tables of log-probabilities, and
 * natural's formula, P(class) · Π P(feature | class), is summed in log space: the same ranking
 * as natural's getClassifications, without its underflow to 0 on long messages and without
 * a Math.log per feature and class on every message.
 */
import BayesClassifier from 'natural/lib/natural/classifiers/bayes_classifier';
import type { IntentId, IntentScore } from './types';

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

export interface IntentClassifier {
  /** Every intent with its posterior probability, most likely first. */
  classify(features: readonly string[]): IntentScore[];
  /** natural's own classification of the same features (to check the log-space tables). */
  classifyWithNatural(features: readonly string[]): { label: string; value: number }[];
}

function toObservation(features: readonly string[]): Record<string, string> {
  const observation: Record<string, string> = {};
  features.forEach((feature, i) => {
    observation[i] = feature;
  });
  return observation;
}

function naturalBayes(smoothing: number) {
  return new BayesClassifier(undefined, smoothing).classifier;
}

export function trainBayes(examples: readonly TrainingExample[], smoothing = 1): BayesCounts {
  const bayes = naturalBayes(smoothing);
  for (const { intent, features } of examples) bayes.addExample(toObservation(features), intent);
  bayes.train();
  bayes.train();
  const { classFeatures, classTotals, totalExamples } = bayes;
  return { classFeatures, classTotals, totalExamples, smoothing };
}

export function createIntentClassifier(counts: BayesCounts): IntentClassifier {
  const { classFeatures, classTotals, totalExamples, smoothing } = counts;
  const intents = Object.keys(classFeatures) as IntentId[];
  const totals = intents.map((intent) => classTotals[intent]!);
  const logPrior = Float64Array.from(totals, (total) => Math.log(total / totalExamples));
  const logUnseen = Float64Array.from(totals, (total) => Math.log(smoothing / total));
  const logLikelihood = new Map<string, Float64Array>();
  intents.forEach((intent, c) => {
    for (const [feature, count] of Object.entries(classFeatures[intent]!)) {
      let row = logLikelihood.get(feature);
      if (!row) logLikelihood.set(feature, (row = Float64Array.from(logUnseen)));
      row[c] = Math.log(count / totals[c]!);
    }
  });

  return {
    classify(features) {
      const logScores = Float64Array.from(logPrior);
      for (const feature of features) {
        const row = logLikelihood.get(feature);
        if (!row) continue; // never seen in training: says nothing about any intent
        for (let c = 0; c < logScores.length; c++) logScores[c]! += row[c]!;
      }
      const best = Math.max(...logScores);
      const weights = Array.from(logScores, (score) => Math.exp(score - best));
      const sum = weights.reduce((a, b) => a + b, 0);
      return intents
        .map((intent, c) => ({ intent, confidence: weights[c]! / sum }))
        .sort((a, b) => b.confidence - a.confidence);
    },
    classifyWithNatural(features) {
      const bayes = Object.assign(naturalBayes(smoothing), { classFeatures, classTotals, totalExamples });
      return bayes.getClassifications(
        toObservation(features.filter((feature) => logLikelihood.has(feature))),
      );
    },
  };
}
