/**
 * The FAQ engine: normalize → tokenize → features → classify → card companies → answer.
 * Pure: no bot or HTTP code; the tokenizer and the knowledge base are injected.
 */
import { createCardCompanyFinder } from './card-companies';
import { containsCardNumber, maskCardNumbers } from './card-number';
import { DEFAULT_FEATURE_OPTIONS, extractFeatures, type FeatureOptions } from './features';
import { type IntentClassifier, trainIntentClassifier } from './intent-classifier';
import type { KnowledgeBase } from './knowledge-base';
import { createNormalizer } from './normalize';
import { composeReply, type Decision } from './compose-reply';
import type { Tokenizer } from './tokenizer';
import { type FaqReply, type IntentId, type IntentScore, SMALL_TALK_INTENTS } from './types';

export const MAX_MESSAGE_LENGTH = 2000;

export interface EngineOptions {
  /** Below this posterior the best intent is not trusted and the question is out of scope. */
  readonly minConfidence: number;
  /** A runner-up at least this share of the best intent's posterior makes the two "close". */
  readonly closeRatio: number;
  readonly features: FeatureOptions;
  /** Smoothing of the naive Bayes model (natural's default is 1). */
  readonly smoothing: number;
}

export const DEFAULT_ENGINE_OPTIONS: EngineOptions = {
  minConfidence: 0.5,
  closeRatio: 0.35,
  features: DEFAULT_FEATURE_OPTIONS,
  smoothing: 0.3,
};

export interface Understanding {
  readonly normalized: string;
  readonly features: readonly string[];
  readonly scores: readonly IntentScore[];
  /** Whether the message holds a word typical of the FAQ's questions (see collectDomainWords). */
  readonly inDomain: boolean;
}

export interface FaqEngine {
  ask(text: string): FaqReply;
  /** The classification step alone (for evaluation and benchmarks). */
  understand(text: string): Understanding;
}

export function createFaqEngine(
  tokenizer: Tokenizer,
  knowledgeBase: KnowledgeBase,
  options: EngineOptions = DEFAULT_ENGINE_OPTIONS,
): FaqEngine {
  const normalize = createNormalizer(knowledgeBase.synonyms);
  const findCardCompanies = createCardCompanyFinder(knowledgeBase.cardCompanies, normalize);
  const featuresOf = (normalized: string) => extractFeatures(tokenizer.tokenize(normalized), options.features);

  const examples = [...knowledgeBase.utterances].flatMap(([intent, utterances]) =>
    utterances.map((utterance) => ({ intent, features: featuresOf(normalize(utterance)) })),
  );
  const classifier: IntentClassifier = trainIntentClassifier(examples, options.smoothing);
  const domainWords = collectDomainWords(examples);

  const intentByQuestion = new Map<string, IntentId>();
  for (const answer of knowledgeBase.answers.values()) {
    if (answer.question) intentByQuestion.set(normalize(answer.question), answer.intent);
  }

  function understand(text: string): Understanding {
    const normalized = normalize(text);
    const features = featuresOf(normalized);
    const scores = classifier.classify(features);
    const inDomain = features.some((feature) => domainWords.has(feature));
    return { normalized, features, scores, inDomain };
  }

  function decide(text: string): Decision {
    const understanding = understand(text);
    const issuers = findCardCompanies(understanding.normalized);
    const issuer = issuers[0] ?? null;
    const exact = intentByQuestion.get(understanding.normalized);
    if (exact) return { kind: 'answer', intent: exact, confidence: 1, issuer, candidates: understanding.scores };

    const [best, runnerUp] = understanding.scores;
    const candidates = understanding.scores;
    if (!best || best.intent === 'none' || best.confidence < options.minConfidence || !withinDomain(best.intent, understanding)) {
      if (issuer && !hasOtherContent(understanding)) {
        return { kind: 'answer', intent: 'issuer_links', confidence: best?.confidence ?? 0, issuer, candidates };
      }
      return { kind: 'outOfScope', intent: 'none', confidence: best?.confidence ?? 0, issuer, candidates };
    }
    if (runnerUp && runnerUp.intent !== 'none' && runnerUp.confidence >= best.confidence * options.closeRatio) {
      return { kind: 'clarify', intent: best.intent, confidence: best.confidence, issuer, candidates };
    }
    return { kind: 'answer', intent: best.intent, confidence: best.confidence, issuer, candidates };
  }

  return {
    understand,
    ask(text: string): FaqReply {
      if (text.trim() === '') return composeReply(knowledgeBase, { kind: 'empty' });
      if (text.length > MAX_MESSAGE_LENGTH) return composeReply(knowledgeBase, { kind: 'tooLong' });
      const cardNumberWarning = containsCardNumber(text);
      const decision = decide(cardNumberWarning ? maskCardNumbers(text) : text);
      return composeReply(knowledgeBase, decision, cardNumberWarning);
    },
  };
}

/**
 * Word features that mark a question as being about this FAQ: seen in in-scope training
 * utterances more often than in out-of-scope ones. A question with none of them is out of scope.
 */
function collectDomainWords(examples: readonly { intent: IntentId; features: readonly string[] }[]): Set<string> {
  const inScope = new Map<string, number>();
  const outOfScope = new Map<string, number>();
  for (const { intent, features } of examples) {
    const counts = intent === 'none' ? outOfScope : inScope;
    for (const feature of features) {
      if (feature.startsWith('w:')) counts.set(feature, (counts.get(feature) ?? 0) + 1);
    }
  }
  const words = new Set<string>();
  for (const [feature, count] of inScope) {
    if (count >= 2 && count > 2 * (outOfScope.get(feature) ?? 0)) words.add(feature);
  }
  return words;
}

/** Small talk has no FAQ vocabulary; every FAQ answer needs at least one FAQ word in the question. */
function withinDomain(intent: IntentId, understanding: Understanding): boolean {
  return understanding.inDomain || (SMALL_TALK_INTENTS as readonly string[]).includes(intent);
}

function hasOtherContent(understanding: Understanding): boolean {
  return understanding.features.filter((feature) => feature.startsWith('w:')).length > 3;
}
