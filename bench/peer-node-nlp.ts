/** The peer: nlp.js (node-nlp) for Japanese, trained on the same questions, scored on the same set. */
import type { KnowledgeBase } from '../src/nlu';
import type { TrainingQuestion } from '../src/nlu/faq-model';
import { familyOf } from '../src/nlu/knowledge-base';
import type { LabelledQuestion } from '../src/nlu/labelled-set';
import type { IntentId } from '../src/nlu/types';

// node-nlp ships no types; this is the part of its NlpManager used here.
interface NlpManager {
  addDocument(locale: string, utterance: string, intent: string): void;
  train(): Promise<void>;
  process(locale: string, text: string): Promise<{ intent: string; score: number }>;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { NlpManager } = require('node-nlp') as { NlpManager: new (options: object) => NlpManager };

export interface PeerScore {
  readonly inScopeAccuracy: number;
  readonly outOfScopeRejection: number;
  readonly trainSeconds: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

/**
 * Trains nlp.js on `training` and scores `questions`; an answer of the right intent's answer
 * family counts as right, as it does for our engine.
 */
export async function scoreNodeNlp(
  knowledgeBase: KnowledgeBase,
  training: readonly TrainingQuestion[],
  questions: readonly LabelledQuestion[],
): Promise<PeerScore> {
  const manager = new NlpManager({
    languages: ['ja'],
    autoSave: false,
    forceNER: false,
    nlu: { log: false },
  });
  for (const { text, intent } of training) manager.addDocument('ja', text, intent);
  const started = process.hrtime.bigint();
  await manager.train();
  const trainSeconds = Number(process.hrtime.bigint() - started) / 1e9;

  const times: number[] = [];
  let inScopeHits = 0;
  let inScope = 0;
  let rejected = 0;
  let outOfScope = 0;
  for (const question of questions) {
    const t0 = process.hrtime.bigint();
    const result = await manager.process('ja', question.text);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    // nlp.js answers "None" below its own threshold; our "none" intent is trained like any other.
    const intent = (result.intent === 'None' ? 'none' : result.intent) as IntentId;
    if (question.intent === 'none') {
      outOfScope++;
      if (intent === 'none') rejected++;
    } else {
      inScope++;
      const family = familyOf(knowledgeBase, question.intent);
      if (intent === question.intent || (family !== undefined && familyOf(knowledgeBase, intent) === family))
        inScopeHits++;
    }
  }
  times.sort((a, b) => a - b);
  return {
    inScopeAccuracy: inScopeHits / inScope,
    outOfScopeRejection: rejected / outOfScope,
    trainSeconds,
    p50Ms: times[Math.floor(times.length * 0.5)]!,
    p99Ms: times[Math.floor(times.length * 0.99)]!,
  };
}
