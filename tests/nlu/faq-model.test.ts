import {
  createFaqEngine,
  DEFAULT_ENGINE_OPTIONS,
  type FaqEngine,
  type KnowledgeBase,
  type Tokenizer,
} from '../../src/nlu';
import { createIntentClassifier, trainBayes } from '../../src/nlu/intent-classifier';
import { realEngine } from '../helpers/engine';

let engine: FaqEngine;
let knowledgeBase: KnowledgeBase;
let tokenizer: Tokenizer;
beforeAll(async () => {
  ({ engine, knowledgeBase, tokenizer } = await realEngine());
});

const QUESTIONS = ['SMSが来ない', 'コンビニ払いにしたい', '楽天カードの登録方法', '明日の天気', 'ありがとう'];

describe('the intent classifier', () => {
  it("ranks intents exactly as natural's own Bayes classifier does", () => {
    for (const question of QUESTIONS) {
      const features = engine.understand(question).features;
      const ours = engine.model.classifier.classify(features).map((score) => score.intent);
      const natural = engine.model.classifier.classifyWithNatural(features).map((score) => score.label);
      expect(ours).toEqual(natural);
    }
  });

  it('still ranks a very long message, where natural’s probabilities underflow to 0', () => {
    const long = [...knowledgeBase.utterances.values()].flat().join('、');
    const features = engine.understand(long).features;
    expect(engine.model.classifier.classifyWithNatural(features).every((score) => score.value === 0)).toBe(
      true,
    );
    const scores = engine.model.classifier.classify(features);
    expect(scores.reduce((sum, score) => sum + score.confidence, 0)).toBeCloseTo(1);
    expect(scores[0]!.confidence).toBeGreaterThan(scores.at(-1)!.confidence);
  });

  it('learns from a handful of examples', () => {
    const classifier = createIntentClassifier(
      trainBayes([
        { intent: 'otp_delivery', features: ['w:SMS', 'w:届く'] },
        { intent: 'convenience_store', features: ['w:コンビニ', 'w:払う'] },
      ]),
    );
    expect(classifier.classify(['w:SMS'])[0]?.intent).toBe('otp_delivery');
    expect(classifier.classify(['w:コンビニ'])[0]?.intent).toBe('convenience_store');
  });
});

describe('the saved model', () => {
  it('answers exactly like the freshly trained one after a JSON round trip', () => {
    const saved = JSON.parse(JSON.stringify(engine.model.saved));
    const restored = createFaqEngine(tokenizer, knowledgeBase, DEFAULT_ENGINE_OPTIONS, saved);
    expect(restored.model.restored).toBe(true);
    for (const question of QUESTIONS) expect(restored.ask(question)).toEqual(engine.ask(question));
  });

  it('is not used when the training data changed since it was saved', () => {
    const saved = engine.model.saved;
    const utterances = new Map(knowledgeBase.utterances);
    utterances.set('thanks', [...(utterances.get('thanks') ?? []), '大変助かりました、恩に着ます']);
    const changed = createFaqEngine(
      tokenizer,
      { ...knowledgeBase, utterances },
      DEFAULT_ENGINE_OPTIONS,
      saved,
    );
    expect(changed.model.restored).toBe(false);
  });
});

describe('the reply cache', () => {
  it('gives the same reply for a repeated question', () => {
    const cached = createFaqEngine(tokenizer, knowledgeBase, { ...DEFAULT_ENGINE_OPTIONS, cacheSize: 10 });
    expect(cached.ask('ワンタイムパスワードが届かない')).toBe(cached.ask('ワンタイムパスワードが届かない'));
  });

  it('never keeps a message holding a card number', () => {
    let calls = 0;
    const counting: Tokenizer = { tokenize: (text) => (calls++, tokenizer.tokenize(text)) };
    const cached = createFaqEngine(counting, knowledgeBase, { ...DEFAULT_ENGINE_OPTIONS, cacheSize: 10 });
    calls = 0;
    cached.ask('4111 1111 1111 1111 が使えない');
    cached.ask('4111 1111 1111 1111 が使えない');
    expect(calls).toBe(2);
  });
});
