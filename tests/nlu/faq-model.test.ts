import BayesClassifier from 'natural/lib/natural/classifiers/bayes_classifier';
import {
  createFaqEngine,
  DEFAULT_ENGINE_OPTIONS,
  type FaqEngine,
  type KnowledgeBase,
  type Tokenizer,
} from '../../src/nlu';
import { modelFingerprint, trainingQuestions } from '../../src/nlu/faq-model';
import { SCOPE_SIGNALS } from '../../src/nlu/scope';
import { createIntentClassifier, trainBayes } from '../../src/nlu/intent-classifier';
import { realEngine } from '../helpers/engine';

let engine: FaqEngine;
let knowledgeBase: KnowledgeBase;
let tokenizer: Tokenizer;
beforeAll(async () => {
  ({ engine, knowledgeBase, tokenizer } = await realEngine());
});

const QUESTIONS = ['SMSが来ない', 'コンビニ払いにしたい', '楽天カードの登録方法', '明日の天気', 'ありがとう'];

describe('natural’s naive Bayes, fed as naive Bayes', () => {
  it('counts the examples of each class, as natural does only for dense observations', () => {
    const counts = trainBayes([
      { intent: 'otp_delivery', features: ['w:SMS', 'w:届く'] },
      { intent: 'otp_delivery', features: ['w:SMS'] },
      { intent: 'convenience_store', features: ['w:コンビニ'] },
    ]);
    expect(counts.classTotals).toEqual({ otp_delivery: 3, convenience_store: 2 });
    expect(counts.totalExamples).toBe(4);
  });

  it('has class totals that match its training data in the model that runs', () => {
    const perIntent = new Map<string, number>();
    for (const { intent } of trainingQuestions(knowledgeBase))
      perIntent.set(intent, (perIntent.get(intent) ?? 0) + 1);
    const { classTotals, totalExamples } = engine.model.saved.bayes;
    expect(classTotals).toEqual(
      Object.fromEntries([...perIntent].map(([intent, count]) => [intent, count + 1])),
    );
    expect(totalExamples).toBe(trainingQuestions(knowledgeBase).length + 1);
  });

  it('scores each class as natural’s own formula does, without its class prior', () => {
    const counts = engine.model.saved.bayes;
    const ours = createIntentClassifier(counts);
    const natural = Object.assign(new BayesClassifier(undefined, counts.smoothing).classifier, {
      classFeatures: counts.classFeatures,
      classTotals: counts.classTotals,
      totalExamples: counts.totalExamples,
    });
    for (const question of QUESTIONS) {
      const known = engine.understand(question).features.filter((feature) => ours.knows(feature));
      const observation = Object.fromEntries(known.map((feature, i) => [i, feature]));
      const scores = ours.logScores(known);
      ours.intents.forEach((intent, c) => {
        const prior = counts.classTotals[intent]! / counts.totalExamples;
        expect(scores[c]).toBeCloseTo(Math.log(natural.probabilityOfClass(observation, intent) / prior), 6);
      });
    }
  });

  it('learns from a handful of examples', () => {
    const classifier = createIntentClassifier(
      trainBayes([
        { intent: 'otp_delivery', features: ['w:SMS', 'w:届く'] },
        { intent: 'convenience_store', features: ['w:コンビニ', 'w:払う'] },
      ]),
    );
    const best = (features: string[]) => {
      const scores = classifier.logScores(features);
      return classifier.intents[scores.indexOf(Math.max(...scores))];
    };
    expect(best(['w:SMS'])).toBe('otp_delivery');
    expect(best(['w:コンビニ'])).toBe('convenience_store');
  });
});

describe('the saved model', () => {
  // Every 4th training question: a model trained in a second or two, as the whole one is.
  const someQuestions = () => trainingQuestions(knowledgeBase).filter((_, i) => i % 4 === 0);

  it('answers exactly like the freshly trained one after a JSON round trip', () => {
    const fresh = createFaqEngine(
      tokenizer,
      knowledgeBase,
      DEFAULT_ENGINE_OPTIONS,
      undefined,
      someQuestions(),
    );
    expect(fresh.model.restored).toBe(false);
    const saved = JSON.parse(JSON.stringify(fresh.model.saved));
    const restored = createFaqEngine(
      tokenizer,
      knowledgeBase,
      DEFAULT_ENGINE_OPTIONS,
      saved,
      someQuestions(),
    );
    expect(restored.model.restored).toBe(true);
    for (const question of QUESTIONS) expect(restored.ask(question)).toEqual(fresh.ask(question));
  });

  it('is not used when the training data changed since it was saved', () => {
    const questions = someQuestions();
    const changed = [
      ...questions,
      { text: '大変助かりました、恩に着ます', intent: 'thanks' as const, writer: 'team' },
    ];
    expect(modelFingerprint(knowledgeBase, DEFAULT_ENGINE_OPTIONS, changed)).not.toBe(
      modelFingerprint(knowledgeBase, DEFAULT_ENGINE_OPTIONS, questions),
    );
    const saved = createFaqEngine(tokenizer, knowledgeBase, DEFAULT_ENGINE_OPTIONS, undefined, questions)
      .model.saved;
    const retrained = createFaqEngine(tokenizer, knowledgeBase, DEFAULT_ENGINE_OPTIONS, saved, changed);
    expect(retrained.model.restored).toBe(false);
  });

  it('is the one the bot uses when only the answer cache size differs', () => {
    const options = { ...DEFAULT_ENGINE_OPTIONS, cacheSize: 7 };
    expect(createFaqEngine(tokenizer, knowledgeBase, options, engine.model.saved).model.restored).toBe(true);
  });

  it('is never trained on a sealed writer’s set', () => {
    const sealed = knowledgeBase.writerSets.filter((set) => set.sealed);
    expect(sealed.length).toBeGreaterThan(0);
    const trainedOn = new Set(trainingQuestions(knowledgeBase).map((question) => question.writer));
    for (const set of sealed) expect(trainedOn.has(set.name)).toBe(false);
  });
});

describe('the reply cache', () => {
  it('gives the same reply for a repeated question', () => {
    const cached = createFaqEngine(
      tokenizer,
      knowledgeBase,
      { ...DEFAULT_ENGINE_OPTIONS, cacheSize: 10 },
      engine.model.saved,
    );
    expect(cached.ask('ワンタイムパスワードが届かない')).toBe(cached.ask('ワンタイムパスワードが届かない'));
  });

  it('never keeps a message holding a card number', () => {
    let calls = 0;
    const counting: Tokenizer = { tokenize: (text) => (calls++, tokenizer.tokenize(text)) };
    const cached = createFaqEngine(
      counting,
      knowledgeBase,
      { ...DEFAULT_ENGINE_OPTIONS, cacheSize: 10 },
      engine.model.saved,
    );
    calls = 0;
    cached.ask('4111 1111 1111 1111 が使えない');
    cached.ask('4111 1111 1111 1111 が使えない');
    expect(calls).toBe(2);
  });
});

describe('the scope decision’s evidence', () => {
  const FOREIGN = SCOPE_SIGNALS.indexOf('foreignWords');
  const UNSEEN = SCOPE_SIGNALS.indexOf('unseenWords');
  const signals = (text: string) => engine.model.score(engine.model.analyze(text)).signals;

  it('counts the words a question shares with the FAQ but not with the answer it comes closest to', () => {
    // デビット and 失念 are words the FAQ's questions know (so they are not unseen), but the questions
    // and the section about paying again, or about logging in to My Page, never use them.
    for (const text of ['デビットカードで支払いをやり直せますか', 'マイページのパスワードを失念しました']) {
      expect(signals(text)[UNSEEN]).toBe(0);
      expect(signals(text)[FOREIGN]).toBeGreaterThanOrEqual(1);
    }
    for (const text of ['別のカードで支払いをやり直せますか', 'ワンタイムパスワードがSMSで届きません'])
      expect(signals(text)[FOREIGN]).toBe(0);
  });
});
