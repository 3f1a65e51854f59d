/** The peer: nlp.js (node-nlp) for Japanese, trained on the same utterances, scored on the same set. */
import type { KnowledgeBase } from '../src/nlu';
import type { LabelledQuestion } from '../src/nlu/labelled-set';

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

export async function scoreNodeNlp(
  knowledgeBase: KnowledgeBase,
  questions: readonly LabelledQuestion[],
): Promise<PeerScore> {
  const manager = new NlpManager({
    languages: ['ja'],
    autoSave: false,
    forceNER: false,
    nlu: { log: false },
  });
  for (const [intent, utterances] of knowledgeBase.utterances) {
    for (const utterance of utterances) manager.addDocument('ja', utterance, intent);
  }
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
    const intent = result.intent === 'None' ? 'none' : result.intent;
    if (question.intent === 'none') {
      outOfScope++;
      if (intent === 'none') rejected++;
    } else {
      inScope++;
      if (intent === question.intent) inScopeHits++;
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
