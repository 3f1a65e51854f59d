/**
 * Intent classification with natural's naive Bayes classifier.
 *
 * natural's text interface turns every observation into a dense vector over the whole
 * vocabulary (O(vocabulary) per call); we hand its Bayes model sparse observations instead,
 * which natural supports, so training and classifying cost O(features of the message).
 */
import BayesClassifier from 'natural/lib/natural/classifiers/bayes_classifier';
import type { IntentId, IntentScore } from './types';

export interface TrainingExample {
  readonly intent: IntentId;
  readonly features: readonly string[];
}

export interface IntentClassifier {
  /** Every intent with its posterior probability, most likely first. */
  classify(features: readonly string[]): IntentScore[];
  /** Whether a feature was seen in training at all. */
  knows(feature: string): boolean;
}

function toObservation(features: readonly string[]): Record<string, string> {
  const observation: Record<string, string> = {};
  features.forEach((feature, i) => {
    observation[i] = feature;
  });
  return observation;
}

export function trainIntentClassifier(examples: readonly TrainingExample[], smoothing = 1): IntentClassifier {
  const bayes = new BayesClassifier(undefined, smoothing).classifier;
  const vocabulary = new Set<string>();
  for (const { intent, features } of examples) {
    bayes.addExample(toObservation(features), intent);
    for (const feature of features) vocabulary.add(feature);
  }
  bayes.train();

  return {
    knows: (feature) => vocabulary.has(feature),
    classify(features) {
      const known = features.filter((feature) => vocabulary.has(feature));
      const scores = bayes.getClassifications(toObservation(known));
      const total = scores.reduce((sum, score) => sum + score.value, 0);
      return scores.map((score) => ({
        intent: score.label as IntentId,
        confidence: total > 0 ? score.value / total : 0,
      }));
    },
  };
}
