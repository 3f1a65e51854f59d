/**
 * The trained part of the engine, and how it is trained:
 *
 * 1. every training question (the team's utterances and the independent writers' sets, never a
 *    sealed one) is analyzed (analyzer.ts); the Sudachi synonym groups of their words and the
 *    document's are collected;
 * 2. natural's naive Bayes is trained on the intents (with `none`) and on in-scope against
 *    out-of-scope; the nearest-question index and the document's BM25 index are built;
 * 3. the same is trained again without each of five folds of writers, to score every training
 *    question with a model that never saw its writer; on those out-of-fold scores the
 *    temperature (calibration.ts) and the scope decision's weights and threshold (scope.ts) are fitted.
 *
 * `npm run build` trains once and saves the model as dist/model.json beside the compiled code;
 * the fingerprint of the data it was trained on tells whether a saved model still fits (if not,
 * the engine trains at start).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type Analysis, type Analyzer, createAnalyzer } from './analyzer';
import { fitTemperature } from './calibration';
import { buildDocumentIndex, createDocumentScorer, type DocumentIndex } from './document-index';
import { extractFeatures, type FeatureOptions } from './features';
import {
  type BayesCounts,
  createIntentClassifier,
  type FeatureWeights,
  trainBayes,
} from './intent-classifier';
import { createIntentScorer, type IntentScorer, type IntentScorerOptions } from './intent-scorer';
import type { KnowledgeBase } from './knowledge-base';
import { fitLogistic } from './logistic';
import { buildNeighbourIndex, createNeighbourFinder, type NeighbourIndex } from './neighbours';
import { inScopeProbability, SCOPE_SIGNALS, type ScopeInputs, type ScopeModel, scopeSignals } from './scope';
import { createSparseScorer, fitSparseLogistic, type SparseLogisticModel } from './sparse-logistic';
import { collectSynonymGroups } from './synonym-groups';
import type { Tokenizer } from './tokenizer';
import type { IntentId, IntentScore } from './types';

const UNSEEN_WORDS = SCOPE_SIGNALS.indexOf('unseenWords');

/**
 * Part of the fingerprint: raise it whenever the way the engine analyzes or scores changes, so
 * that a model saved by older code is not used (`npm run build` and the tests always retrain).
 */
const MODEL_FORMAT = 12;

export interface ModelOptions {
  readonly features: FeatureOptions;
  /** Smoothing of the naive Bayes counts (natural's default is 1). */
  readonly smoothing: number;
  /** Weight of each kind of feature in naive Bayes. */
  readonly weights: FeatureWeights;
  readonly scorer: IntentScorerOptions;
  /** Folds of writers for the out-of-fold scores that calibration and the scope decision are fitted on. */
  readonly folds: number;
}

/** A question the model learns from, with who wrote it (for cross-validation by writer). */
export interface TrainingQuestion {
  readonly text: string;
  readonly intent: IntentId;
  /** `team` for intents/*.json, else the writer's set name. */
  readonly writer: string;
}

export interface SavedModel {
  readonly format: number;
  readonly fingerprint: string;
  readonly synonymGroups: Readonly<Record<string, readonly string[]>>;
  readonly bayes: BayesCounts;
  readonly scopeBayes: BayesCounts;
  readonly neighbours: NeighbourIndex;
  readonly document: DocumentIndex;
  /** Words and groups the in-scope questions or the document use (no reading n-grams). */
  readonly knownTerms: readonly string[];
  /** Each intent's own (its questions and its section of the document), as positions in `knownTerms`. */
  readonly intentTerms: Readonly<Record<string, readonly number[]>>;
  readonly scopeWords: SparseLogisticModel;
  readonly temperature: number;
  readonly scope: ScopeModel;
}

export interface Scores {
  /** The intents (not `none`), calibrated, most likely first. */
  readonly intents: readonly IntentScore[];
  /** P(the message is about this FAQ). */
  readonly inScope: number;
  readonly signals: readonly number[];
  /** Content words that neither the in-scope questions nor the document use (a scope signal). */
  readonly unseenWords: number;
}

export interface FaqModel extends Analyzer {
  score(analysis: Analysis): Scores;
  readonly saved: SavedModel;
  /** True when the model came from a saved file rather than training at start. */
  readonly restored: boolean;
}

/** The questions the model is trained on: the team's utterances and every writer's set that is not sealed. */
export function trainingQuestions(knowledgeBase: KnowledgeBase): TrainingQuestion[] {
  const team = [...knowledgeBase.utterances].flatMap(([intent, texts]) =>
    texts.map((text) => ({ text, intent, writer: 'team' })),
  );
  const writers = knowledgeBase.writerSets
    .filter((set) => !set.sealed)
    .flatMap((set) => set.questions.map(({ text, intent }) => ({ text, intent, writer: set.name })));
  return [...team, ...writers];
}

/** The document's text per FAQ intent: section heading, question, title and answer. */
function documentTexts(knowledgeBase: KnowledgeBase): Map<IntentId, string[]> {
  const texts = new Map<IntentId, string[]>();
  for (const answer of knowledgeBase.answers.values()) {
    if (answer.section)
      texts.set(answer.intent, [answer.section, answer.question, answer.title, answer.text]);
  }
  return texts;
}

export function modelFingerprint(
  knowledgeBase: KnowledgeBase,
  options: ModelOptions,
  questions: readonly TrainingQuestion[],
): string {
  const { features, smoothing, weights, scorer, folds } = options;
  const inputs = {
    format: MODEL_FORMAT,
    options: { features, smoothing, weights, scorer, folds },
    questions,
    document: [...documentTexts(knowledgeBase)],
    synonyms: knowledgeBase.synonyms,
    english: knowledgeBase.english,
    companies: knowledgeBase.cardCompanies,
    context: knowledgeBase.cardCompanyContext,
  };
  return createHash('sha256').update(JSON.stringify(inputs)).digest('hex');
}

interface Components {
  readonly scorer: IntentScorer;
  readonly scopeInputs: Omit<ScopeInputs, 'inVsOut' | 'clauseInVsOut'> & {
    readonly inVsOut: (features: readonly string[]) => ScopeInputs['inVsOut'];
  };
}

const OUT = 'none';
const IN = 'about_3ds'; // the in-vs-out classifier's label for "in scope" (any in-scope id would do)

function assemble(
  parts: Pick<
    SavedModel,
    'bayes' | 'scopeBayes' | 'neighbours' | 'document' | 'knownTerms' | 'intentTerms' | 'scopeWords'
  >,
  synonymGroups: ReadonlyMap<string, readonly string[]>,
  options: ModelOptions,
): Components {
  const bayes = createIntentClassifier(parts.bayes, options.weights);
  const scopeBayes = createIntentClassifier(parts.scopeBayes, options.weights);
  const ranked = bayes.intents.filter((intent) => intent !== OUT);
  const scorer = createIntentScorer(
    bayes,
    createNeighbourFinder(parts.neighbours),
    createDocumentScorer(parts.document, ranked),
    options.scorer,
  );
  const outIndex = scopeBayes.intents.indexOf(OUT);
  return {
    scorer,
    scopeInputs: {
      inVsOut: (features) => ({ scores: scopeBayes.logScores(features), outIndex }),
      noneIndex: bayes.intents.indexOf(OUT),
      scopeWords: createSparseScorer(parts.scopeWords),
      knownTerms: new Set(parts.knownTerms),
      intentTerms: scorer.intents.map(
        (intent) => new Set((parts.intentTerms[intent] ?? []).map((at) => parts.knownTerms[at]!)),
      ),
      synonymGroups,
    },
  };
}

function signalsOf(components: Components, analysis: Analysis) {
  const evidence = components.scorer.evidence(analysis.features);
  const { inVsOut } = components.scopeInputs;
  const whole = inVsOut(analysis.features);
  const inputs = {
    ...components.scopeInputs,
    inVsOut: whole,
    clauseInVsOut:
      analysis.clauseFeatures.length === 1
        ? [whole]
        : analysis.clauseFeatures.map((features) => inVsOut(features)),
  };
  return { evidence, signals: scopeSignals(analysis, evidence, inputs) };
}

interface Example {
  readonly question: TrainingQuestion;
  readonly analysis: Analysis;
}

function fitParts(examples: readonly Example[], document: DocumentIndex, smoothing: number) {
  const labelled = examples.map(({ question, analysis }) => ({
    intent: question.intent,
    features: analysis.features,
  }));
  // Every term once, and each intent's as positions in that list (numbers: a smaller saved model).
  const position = new Map<string, number>();
  const perIntent = new Map<string, Set<number>>();
  const know = (intent: string, term: string) => {
    let at = position.get(term);
    if (at === undefined) position.set(term, (at = position.size));
    let own = perIntent.get(intent);
    if (!own) perIntent.set(intent, (own = new Set()));
    own.add(at);
  };
  for (const { intent, features } of labelled) {
    if (intent === OUT) continue;
    for (const feature of features) if (!feature.startsWith('r:')) know(intent, feature);
  }
  for (const [intent, terms] of Object.entries(document.weights))
    for (const term of Object.keys(terms)) know(intent, term);
  const intentTerms = Object.fromEntries([...perIntent].map(([intent, own]) => [intent, [...own]]));
  return {
    bayes: trainBayes(labelled, smoothing),
    scopeBayes: trainBayes(
      labelled.map(({ intent, features }) => ({ intent: intent === OUT ? OUT : IN, features })),
      smoothing,
    ),
    neighbours: buildNeighbourIndex(labelled),
    document,
    knownTerms: [...position.keys()],
    intentTerms,
    scopeWords: fitSparseLogistic(
      labelled.map(({ intent, features }) => ({ features, label: intent !== OUT })),
    ),
  };
}

/** Writers in `folds` groups (the team's utterances spread over all of them), for out-of-fold scores. */
function foldOf(
  question: TrainingQuestion,
  index: number,
  writers: readonly string[],
  folds: number,
): number {
  return question.writer === 'team' ? index % folds : writers.indexOf(question.writer) % folds;
}

/** The threshold on P(in scope) that best balances in-scope recall and out-of-scope rejection. */
function balancedThreshold(scored: readonly { p: number; inScope: boolean }[]): number {
  const inCount = scored.filter((s) => s.inScope).length || 1;
  const outCount = scored.length - inCount || 1;
  let best = { threshold: 0.5, score: -1 };
  for (let threshold = 0.2; threshold <= 0.8001; threshold += 0.01) {
    const kept = scored.filter((s) => s.inScope && s.p >= threshold).length / inCount;
    const rejected = scored.filter((s) => !s.inScope && s.p < threshold).length / outCount;
    const score = kept + rejected;
    if (score > best.score + 1e-9) best = { threshold: Math.round(threshold * 100) / 100, score };
  }
  return best.threshold;
}

function train(
  examples: readonly Example[],
  document: DocumentIndex,
  synonymGroups: ReadonlyMap<string, readonly string[]>,
  options: ModelOptions,
): Omit<SavedModel, 'format' | 'fingerprint' | 'synonymGroups'> {
  const writers = [...new Set(examples.map((e) => e.question.writer))].filter((w) => w !== 'team').sort();
  const calibration: { scores: Float64Array; truth: number }[] = [];
  const rows: number[][] = [];
  const labels: boolean[] = [];
  for (let fold = 0; fold < options.folds; fold++) {
    const inFold = (example: Example, i: number) =>
      foldOf(example.question, i, writers, options.folds) === fold;
    const components = assemble(
      fitParts(
        examples.filter((e, i) => !inFold(e, i)),
        document,
        options.smoothing,
      ),
      synonymGroups,
      options,
    );
    examples.forEach((example, i) => {
      if (!inFold(example, i)) return;
      const { evidence, signals } = signalsOf(components, example.analysis);
      rows.push(signals);
      labels.push(example.question.intent !== OUT);
      const truth = components.scorer.intents.indexOf(example.question.intent);
      if (truth >= 0) calibration.push({ scores: evidence.fused, truth });
    });
  }
  const logistic = fitLogistic(SCOPE_SIGNALS, rows, labels);
  const scored = rows.map((row, i) => ({
    p: inScopeProbability({ logistic, threshold: 0.5 }, row),
    inScope: labels[i]!,
  }));
  return {
    ...fitParts(examples, document, options.smoothing),
    temperature: fitTemperature(calibration),
    scope: { logistic, threshold: balancedThreshold(scored) },
  };
}

export function buildFaqModel(
  tokenizer: Tokenizer,
  knowledgeBase: KnowledgeBase,
  options: ModelOptions,
  saved?: SavedModel,
  questions: readonly TrainingQuestion[] = trainingQuestions(knowledgeBase),
): FaqModel {
  const fingerprint = modelFingerprint(knowledgeBase, options, questions);
  const restored = saved?.format === MODEL_FORMAT && saved.fingerprint === fingerprint;
  let model: SavedModel;
  let analyzer: Analyzer;
  if (restored && saved) {
    model = saved;
    analyzer = createAnalyzer(
      tokenizer,
      knowledgeBase,
      new Map(Object.entries(saved.synonymGroups)),
      options.features,
    );
  } else {
    const plain = createAnalyzer(tokenizer, knowledgeBase, new Map(), options.features);
    const analyses = questions.map((question) => plain.analyze(question.text));
    const documentAnalyses = [...documentTexts(knowledgeBase)].map(
      ([intent, texts]) => [intent, texts.map((text) => plain.analyze(text))] as const,
    );
    const vocabulary = new Set([
      ...analyses.flatMap((analysis) => analysis.words),
      ...documentAnalyses.flatMap(([, list]) => list.flatMap((analysis) => analysis.words)),
    ]);
    const synonymGroups = collectSynonymGroups(vocabulary);
    const groups = new Map(Object.entries(synonymGroups));
    const withGroups = (analysis: Analysis): Analysis => ({
      ...analysis,
      features: extractFeatures(analysis.tokens, groups, options.features),
    });
    const examples = questions.map((question, i) => ({ question, analysis: withGroups(analyses[i]!) }));
    const document = buildDocumentIndex(
      new Map(
        documentAnalyses.map(([intent, list]) => [intent, list.flatMap((a) => withGroups(a).features)]),
      ),
    );
    model = {
      format: MODEL_FORMAT,
      fingerprint,
      synonymGroups,
      ...train(examples, document, groups, options),
    };
    analyzer = createAnalyzer(tokenizer, knowledgeBase, groups, options.features);
  }
  const components = assemble(model, new Map(Object.entries(model.synonymGroups)), options);
  return {
    ...analyzer,
    saved: model,
    restored,
    score(analysis) {
      const { evidence, signals } = signalsOf(components, analysis);
      return {
        intents: components.scorer.rank(evidence.fused, model.temperature),
        inScope: inScopeProbability(model.scope, signals),
        signals,
        unseenWords: signals[UNSEEN_WORDS]!,
      };
    },
  };
}

/** Where `npm run build` saves the trained model, beside the compiled code. */
export function savedModelPath(root: string): string {
  return path.join(root, 'dist', 'model.json');
}

export function writeSavedModel(file: string, saved: SavedModel): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(saved));
}

/** The saved model, or undefined when there is none or it cannot be read (then the engine trains). */
export function readSavedModel(file: string): SavedModel | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as SavedModel;
  } catch {
    return undefined;
  }
}
