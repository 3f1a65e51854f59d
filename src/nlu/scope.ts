/**
 * Whether a message is about this FAQ at all: a decision of its own, separate from choosing
 * among the intents. Sixteen pieces of evidence, weighed by a logistic regression fitted on
 * out-of-fold values (each training question scored by a model that did not see its writer):
 *
 *   inVsOut         naive Bayes log-odds, all in-scope questions against the out-of-scope ones,
 *                   with equal priors (natural, like the intent classifier)
 *   bestVsNone      the best intent's Bayes log score against the `none` class's
 *   …PerFeature     the same two divided by √(the message's feature count), so that a long
 *                   message is not judged by its length
 *   outShare        the share of out-of-scope questions among the 10 nearest training questions
 *   nearestIn       similarity of the nearest in-scope training question
 *   nearestOut      similarity of the nearest out-of-scope training question
 *   unseenWords     content words that neither the in-scope training questions nor the document
 *                   use, nor any of their synonym groups (えきねっと, 補償, 在留カード): evidence
 *                   the message is about something else
 *   foreignWords    the same against the best intent alone (its training questions and its section
 *                   of the document): a question about a detail its answer never mentions
 *                   (デビットカード asked of the answer about paying again)
 *   smallTalk       how likely the message is a greeting, thanks or a question about the chat,
 *                   which share no words with the FAQ and are still in scope
 *   wordsInVsOut    a logistic regression over the message's features, in scope against out of
 *                   scope, which learns words that count together (sparse-logistic.ts)
 *   asksForNumber   the question asks for a number (何桁, 何分, 何回まで, いくら), which the help
 *                   page never gives (asks-for-number.ts)
 *   askInVsOut      inVsOutPerFeature over the clause that asks (ask-clause.ts): the last clause of
 *                   the last sentence, where people ask after setting the scene
 *   askWordsInVsOut wordsInVsOut over that clause
 *   bestClauseInVsOut, bestClauseWordsInVsOut
 *                   the highest of those two over every clause: the question among the asides,
 *                   wherever it stands (「三井住友銀行のデビットじゃなくて三井住友カードのクレカなんですけど、
 *                   何回やってもエラー」, 「PayPayカードの本人認証、登録できてるか知りたいです。PayPayアプリで
 *                   見れる？」)
 *                   (all four the whole message's values when it has one clause)
 *
 * The result is P(in scope); below the threshold (chosen by cross-validation, with in-scope
 * recall and out-of-scope rejection weighed equally) the bot says it cannot answer.
 */
import type { Analysis } from './analyzer';
import { asksForNumber } from './asks-for-number';
import { isContentWord } from './features';
import type { IntentEvidence } from './intent-scorer';
import { type LogisticModel, predictLogistic } from './logistic';
import type { IntentId } from './types';

export const SCOPE_SIGNALS = [
  'inVsOut',
  'bestVsNone',
  'inVsOutPerFeature',
  'bestVsNonePerFeature',
  'outShare',
  'nearestIn',
  'nearestOut',
  'unseenWords',
  'foreignWords',
  'smallTalk',
  'wordsInVsOut',
  'asksForNumber',
  'askInVsOut',
  'askWordsInVsOut',
  'bestClauseInVsOut',
  'bestClauseWordsInVsOut',
] as const;

/** Unseen words beyond this many say nothing more. */
const MAX_UNSEEN = 4;
/** A hiragana fragment this short is more likely kuromoji cutting a word badly than a word. */
const HIRAGANA_FRAGMENT = /^[\u3041-\u309f]{1,2}$/u;

export interface ScopeModel {
  readonly logistic: LogisticModel;
  /** P(in scope) at or above this is in scope. */
  readonly threshold: number;
}

export interface ScopeInputs {
  /** Log score of each class of the in-vs-out Bayes classifier, and the position of its out-of-scope class. */
  readonly inVsOut: { readonly scores: Float64Array; readonly outIndex: number };
  /** The same over each clause (ask-clause.ts), in the order of `analysis.clauseFeatures`. */
  readonly clauseInVsOut: readonly { readonly scores: Float64Array; readonly outIndex: number }[];
  /** Position of `none` among the intent classifier's classes. */
  readonly noneIndex: number;
  /** Words (`w:`) and synonym groups (`g:`) the in-scope training questions or the document use. */
  readonly knownTerms: ReadonlySet<string>;
  /** The same per ranked intent, in the order of `evidence.fused`. */
  readonly intentTerms: readonly ReadonlySet<string>[];
  readonly synonymGroups: ReadonlyMap<string, readonly string[]>;
  /** Log-odds of in scope from the logistic regression over the message's features. */
  readonly scopeWords: (features: readonly string[]) => number;
}

/** A word kuromoji does not know but that is a word all the same: ASCII or katakana, two letters or more. */
const JAPANESE = /[\u3041-\u30ff\u4e00-\u9fff]/u;
const UNKNOWN_BUT_A_WORD = /^([a-z][a-z0-9]+|[\u30a1-\u30fa\u30fc]{2,})$/u;

/**
 * The content words that can count as unseen or foreign: words kuromoji knows, and unknown ASCII or
 * katakana words (acs, ウェブビュー); not the hiragana pieces kuromoji makes of words it cannot read.
 */
function candidateWords(analysis: Analysis): string[] {
  // In a message written in English, every English word is unknown: only Japanese words count there.
  const japanese = JAPANESE.test(analysis.normalized);
  return analysis.tokens
    .filter(
      (token) =>
        isContentWord(token) &&
        (token.known
          ? !HIRAGANA_FRAGMENT.test(token.surface)
          : japanese && UNKNOWN_BUT_A_WORD.test(token.surface)),
    )
    .map((token) => token.baseForm);
}

/** The words that `terms` does not hold, not even through one of their synonym groups. */
function wordsNotIn(
  words: readonly string[],
  terms: ReadonlySet<string>,
  synonymGroups: ReadonlyMap<string, readonly string[]>,
): string[] {
  return words.filter(
    (word) =>
      !terms.has(`w:${word}`) && !(synonymGroups.get(word) ?? []).some((group) => terms.has(`g:${group}`)),
  );
}

/** In scope against out of scope, from the in-vs-out classifier's two log scores. */
const logOdds = ({ scores, outIndex }: ScopeInputs['inVsOut']) => scores[1 - outIndex]! - scores[outIndex]!;

export function scopeSignals(analysis: Analysis, evidence: IntentEvidence, inputs: ScopeInputs): number[] {
  const inVsOut = logOdds(inputs.inVsOut);
  let bestIntent = -Infinity;
  evidence.bayes.forEach((score, c) => {
    if (c !== inputs.noneIndex && score > bestIntent) bestIntent = score;
  });
  const bestVsNone = bestIntent - evidence.bayes[inputs.noneIndex]!;
  const isOut = (intent: IntentId) => intent === 'none';
  const neighbours = evidence.neighbours;
  const outShare = neighbours.length
    ? neighbours.filter((n) => isOut(n.intent)).length / neighbours.length
    : 1;
  const nearestIn = neighbours.find((n) => !isOut(n.intent))?.similarity ?? 0;
  const nearestOut = neighbours.find((n) => isOut(n.intent))?.similarity ?? 0;
  const candidates = candidateWords(analysis);
  const unseen = Math.min(MAX_UNSEEN, wordsNotIn(candidates, inputs.knownTerms, inputs.synonymGroups).length);
  let best = 0;
  evidence.fused.forEach((score, i) => {
    if (score > evidence.fused[best]!) best = i;
  });
  const foreign = Math.min(
    MAX_UNSEEN,
    wordsNotIn(candidates, inputs.intentTerms[best]!, inputs.synonymGroups).length,
  );
  const perFeature = (features: readonly string[]) => Math.sqrt(Math.max(1, features.length));
  const wordsInVsOut = inputs.scopeWords(analysis.features);
  const oneClause = analysis.clauseFeatures.length === 1;
  const clauseInVsOut = oneClause
    ? [inVsOut / perFeature(analysis.features)]
    : analysis.clauseFeatures.map((features, i) => logOdds(inputs.clauseInVsOut[i]!) / perFeature(features));
  const clauseWords = oneClause
    ? [wordsInVsOut]
    : analysis.clauseFeatures.map((features) => inputs.scopeWords(features));
  return [
    inVsOut,
    bestVsNone,
    inVsOut / perFeature(analysis.features),
    bestVsNone / perFeature(analysis.features),
    outShare,
    nearestIn,
    nearestOut,
    unseen,
    foreign,
    evidence.smallTalk,
    wordsInVsOut,
    asksForNumber(analysis.wish) ? 1 : 0,
    clauseInVsOut.at(-1)!,
    clauseWords.at(-1)!,
    Math.max(...clauseInVsOut),
    Math.max(...clauseWords),
  ];
}

export function inScopeProbability(model: ScopeModel, signals: readonly number[]): number {
  return predictLogistic(model.logistic, signals);
}
