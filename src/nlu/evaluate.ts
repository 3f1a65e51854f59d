/** Scores the engine on a labelled set: intent accuracy, out-of-scope rejection, card companies. */
import type { FaqEngine } from './faq-engine';
import type { LabelledQuestion } from './labelled-set';
import type { IntentId } from './types';

export interface IntentStats {
  readonly intent: IntentId;
  readonly support: number;
  readonly precision: number;
  readonly recall: number;
}

export interface Evaluation {
  readonly total: number;
  /** In-scope questions answered with the labelled intent. */
  readonly inScopeAccuracy: number;
  readonly inScopeCount: number;
  /** Out-of-scope questions answered with "none". */
  readonly outOfScopeRejection: number;
  readonly outOfScopeCount: number;
  /** Questions naming a card company whose company was recognized. */
  readonly issuerAccuracy: number;
  readonly issuerCount: number;
  /** Questions naming no company where one was "recognized" anyway. */
  readonly issuerFalsePositives: number;
  /** Questions for which the bot asked which of two intents was meant. */
  readonly clarified: number;
  readonly perIntent: readonly IntentStats[];
  /** Most frequent (expected → got) mistakes. */
  readonly confusions: readonly { expected: IntentId; got: IntentId; count: number; examples: string[] }[];
}

const ratio = (part: number, whole: number) => (whole === 0 ? 1 : part / whole);

export function evaluate(engine: FaqEngine, questions: readonly LabelledQuestion[]): Evaluation {
  const results = questions.map((question) => ({ question, reply: engine.ask(question.text) }));
  const inScope = results.filter((r) => r.question.intent !== 'none');
  const outOfScope = results.filter((r) => r.question.intent === 'none');
  const named = results.filter((r) => r.question.issuer !== null);
  const unnamed = results.filter((r) => r.question.issuer === null);

  const intents = [...new Set(results.flatMap((r) => [r.question.intent, r.reply.intent]))].sort();
  const perIntent = intents.map((intent) => {
    const predicted = results.filter((r) => r.reply.intent === intent);
    const actual = results.filter((r) => r.question.intent === intent);
    const hits = actual.filter((r) => r.reply.intent === intent).length;
    return {
      intent,
      support: actual.length,
      precision: ratio(hits, predicted.length),
      recall: ratio(hits, actual.length),
    };
  });

  const confusionMap = new Map<
    string,
    { expected: IntentId; got: IntentId; count: number; examples: string[] }
  >();
  for (const { question, reply } of results) {
    if (question.intent === reply.intent) continue;
    const key = `${question.intent}→${reply.intent}`;
    const entry = confusionMap.get(key) ?? {
      expected: question.intent,
      got: reply.intent,
      count: 0,
      examples: [],
    };
    entry.count++;
    entry.examples.push(question.text);
    confusionMap.set(key, entry);
  }

  return {
    total: results.length,
    inScopeAccuracy: ratio(
      inScope.filter((r) => r.reply.intent === r.question.intent).length,
      inScope.length,
    ),
    inScopeCount: inScope.length,
    outOfScopeRejection: ratio(outOfScope.filter((r) => r.reply.intent === 'none').length, outOfScope.length),
    outOfScopeCount: outOfScope.length,
    issuerAccuracy: ratio(named.filter((r) => r.reply.issuer?.id === r.question.issuer).length, named.length),
    issuerCount: named.length,
    issuerFalsePositives: unnamed.filter((r) => r.reply.issuer !== null).length,
    clarified: results.filter((r) => r.reply.kind === 'clarify').length,
    perIntent,
    confusions: [...confusionMap.values()].sort((a, b) => b.count - a.count),
  };
}
