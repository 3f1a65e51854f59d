/**
 * Which question a message asks, among the FAQ's intents and small talk: naive Bayes (natural),
 * the votes of the nearest training questions and the document's BM25 score, added up and turned
 * into probabilities at a temperature fitted by cross-validation:
 *
 *   P(intent | message) = softmax( (bayes + neighbourWeight · votes + documentWeight · bm25) / T )
 *
 * `none` is trained as a class so that its Bayes score can serve the scope decision, but it is
 * never one of the intents ranked here: whether a message is out of scope is decided apart.
 */
import type { DocumentScorer } from './document-index';
import { type IntentClassifier, softmax } from './intent-classifier';
import type { NeighbourFinder } from './neighbours';
import { type IntentId, type IntentScore, isSmallTalk } from './types';

/**
 * The scope decision reads the small-talk share before calibration (which needs the scope
 * decision's own training data): a fixed temperature near the fitted ones keeps it comparable.
 */
const SMALL_TALK_TEMPERATURE = 8;

export interface IntentScorerOptions {
  /** How many nearest training questions vote. */
  readonly neighbourCount: number;
  /** Weight of the neighbours' votes (summed similarities) beside the Bayes log score. */
  readonly neighbourWeight: number;
  /** Weight of the document's BM25 score. */
  readonly documentWeight: number;
}

export interface IntentEvidence {
  /** Fused scores of the ranked intents (before the temperature), in `intents` order. */
  readonly fused: Float64Array;
  /** The Bayes log score of every class, `none` included, in the classifier's order. */
  readonly bayes: Float64Array;
  /** The nearest training questions, most similar first (out-of-scope ones included). */
  readonly neighbours: readonly { intent: IntentId; similarity: number }[];
  /** P(greeting, thanks or help) at the smallTalkTemperature: how much the message looks like small talk. */
  readonly smallTalk: number;
}

export interface IntentScorer {
  /** The intents ranked (every class but `none`). */
  readonly intents: readonly IntentId[];
  evidence(features: readonly string[]): IntentEvidence;
  /** Probabilities at a temperature, most likely first. */
  rank(fused: Float64Array, temperature: number): IntentScore[];
}

export function createIntentScorer(
  bayes: IntentClassifier,
  neighbours: NeighbourFinder,
  document: DocumentScorer,
  options: IntentScorerOptions,
): IntentScorer {
  const ranked = bayes.intents.filter((intent) => intent !== 'none');
  const classIndex = ranked.map((intent) => bayes.intents.indexOf(intent));
  const position = new Map<IntentId, number>(ranked.map((intent, i) => [intent, i]));
  const documentScores = (features: readonly string[]) => document.score(features);
  const smallTalkIndex = ranked.flatMap((intent, i) => (isSmallTalk(intent) ? [i] : []));

  return {
    intents: ranked,
    evidence(features) {
      const bayesScores = bayes.logScores(features);
      const nearest = neighbours.nearest(features, options.neighbourCount);
      const bm25 = documentScores(features);
      const fused = Float64Array.from(
        classIndex,
        (c, i) => bayesScores[c]! + options.documentWeight * bm25[i]!,
      );
      for (const { intent, similarity } of nearest) {
        const i = position.get(intent);
        if (i !== undefined) fused[i]! += options.neighbourWeight * similarity;
      }
      const probabilities = softmax(fused, SMALL_TALK_TEMPERATURE);
      const smallTalk = smallTalkIndex.reduce((sum, i) => sum + probabilities[i]!, 0);
      return { fused, bayes: bayesScores, neighbours: nearest, smallTalk };
    },
    rank(fused, temperature) {
      const probabilities = softmax(fused, temperature);
      return ranked
        .map((intent, i) => ({ intent, confidence: probabilities[i]! }))
        .sort((a, b) => b.confidence - a.confidence);
    },
  };
}
