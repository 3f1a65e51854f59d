/**
 * Scores the engine on a labelled set: intent accuracy (an answer family counts for each of its
 * members), out-of-scope rejection, card companies, and whether the stated confidence holds.
 */
import { type Reliability, reliability } from './calibration';
import type { FaqEngine } from './faq-engine';
import type { LabelledQuestion } from './labelled-set';
import type { FaqReply, IntentId } from './types';

export interface IntentStats {
  readonly intent: IntentId;
  readonly support: number;
  readonly precision: number;
  readonly recall: number;
}

export interface Confusion {
  readonly expected: IntentId;
  readonly got: IntentId;
  readonly count: number;
  readonly examples: string[];
}

export interface Evaluation {
  readonly total: number;
  /** In-scope questions answered with the labelled intent (or its answer family). */
  readonly inScopeAccuracy: number;
  readonly inScopeCount: number;
  /** How many of them: inScopeAccuracy × inScopeCount, as a count. */
  readonly inScopeRight: number;
  /** Out-of-scope questions answered with "none". */
  readonly outOfScopeRejection: number;
  readonly outOfScopeCount: number;
  readonly outOfScopeRejected: number;
  /** Questions naming a card company whose company was recognized. */
  readonly issuerAccuracy: number;
  readonly issuerCount: number;
  /** Questions naming no company where one was "recognized" anyway. */
  readonly issuerFalsePositives: number;
  /** Questions for which the bot asked which of two intents was meant. */
  readonly clarified: number;
  readonly perIntent: readonly IntentStats[];
  /** Most frequent (expected → got) mistakes. */
  readonly confusions: readonly Confusion[];
  /** Stated confidence against how often the reply was right. */
  readonly calibration: Reliability;
}

export interface ScoredQuestion {
  readonly question: LabelledQuestion;
  readonly reply: FaqReply;
}

const ratio = (part: number, whole: number) => (whole === 0 ? 1 : part / whole);

/** Whether the reply answers the labelled intent: that intent, one of its family, or "none" for out of scope. */
export function isRight({ question, reply }: ScoredQuestion): boolean {
  return reply.intent === question.intent || reply.alsoAnswers.includes(question.intent);
}

export function scoreQuestions(engine: FaqEngine, questions: readonly LabelledQuestion[]): ScoredQuestion[] {
  return questions.map((question) => ({ question, reply: engine.ask(question.text) }));
}

export function evaluate(engine: FaqEngine, questions: readonly LabelledQuestion[]): Evaluation {
  return summarize(scoreQuestions(engine, questions));
}

export function summarize(results: readonly ScoredQuestion[]): Evaluation {
  const inScope = results.filter((r) => r.question.intent !== 'none');
  const outOfScope = results.filter((r) => r.question.intent === 'none');
  const named = results.filter((r) => r.question.issuer !== null);
  const unnamed = results.filter((r) => r.question.issuer === null);

  const intents = [...new Set(results.flatMap((r) => [r.question.intent, r.reply.intent]))].sort();
  const perIntent = intents.map((intent) => {
    const predicted = results.filter((r) => r.reply.intent === intent);
    const actual = results.filter((r) => r.question.intent === intent);
    return {
      intent,
      support: actual.length,
      precision: ratio(predicted.filter(isRight).length, predicted.length),
      recall: ratio(actual.filter(isRight).length, actual.length),
    };
  });

  const confusionMap = new Map<string, Confusion>();
  for (const result of results) {
    if (isRight(result)) continue;
    const { question, reply } = result;
    const key = `${question.intent}→${reply.intent}`;
    const entry = confusionMap.get(key) ?? {
      expected: question.intent,
      got: reply.intent,
      count: 0,
      examples: [],
    };
    confusionMap.set(key, { ...entry, count: entry.count + 1, examples: [...entry.examples, question.text] });
  }

  const inScopeRight = inScope.filter(isRight).length;
  const outOfScopeRejected = outOfScope.filter(isRight).length;
  return {
    total: results.length,
    inScopeAccuracy: ratio(inScopeRight, inScope.length),
    inScopeCount: inScope.length,
    inScopeRight,
    outOfScopeRejection: ratio(outOfScopeRejected, outOfScope.length),
    outOfScopeCount: outOfScope.length,
    outOfScopeRejected,
    issuerAccuracy: ratio(named.filter((r) => r.reply.issuer?.id === r.question.issuer).length, named.length),
    issuerCount: named.length,
    issuerFalsePositives: unnamed.filter((r) => r.reply.issuer !== null).length,
    clarified: results.filter((r) => r.reply.kind === 'clarify').length,
    perIntent,
    confusions: [...confusionMap.values()].sort((a, b) => b.count - a.count),
    calibration: reliability(
      results
        .filter((r) => r.reply.kind === 'answer' || r.reply.kind === 'outOfScope')
        .map((r) => ({ confidence: r.reply.confidence, right: isRight(r) })),
    ),
  };
}
