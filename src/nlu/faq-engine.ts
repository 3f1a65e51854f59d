/**
 * The FAQ engine: normalize → tokenize → features → classify → card companies → answer.
 * Pure: no bot or HTTP code; the tokenizer and the knowledge base are injected.
 */
import { type CardCompanyMention, createCardCompanyFinder } from './card-companies';
import { containsCardNumber, removeCardNumbers } from './card-number';
import { DEFAULT_FEATURE_OPTIONS, extractFeatures, type FeatureOptions } from './features';
import { type IntentClassifier, trainIntentClassifier } from './intent-classifier';
import type { KnowledgeBase } from './knowledge-base';
import { createNormalizer, foldCharacters } from './normalize';
import { composeReply, type Decision } from './compose-reply';
import type { Tokenizer } from './tokenizer';
import { type FaqReply, type IntentId, type IntentScore, SMALL_TALK_INTENTS } from './types';

export const MAX_MESSAGE_LENGTH = 2000;
/** A message without a letter or digit (empty, spaces, emoji, symbols) gets the help message. */
const GENERIC_COMPANY = 'カード会社';
const HAS_WORDS = /[\p{L}\p{N}]/u;

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
  minConfidence: 0.3,
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
  readonly mentions: readonly CardCompanyMention[];
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
    const mentions = findCardCompanies(normalized);
    const features = featuresOf(withCompaniesGeneric(normalized, mentions));
    const scores = classifier.classify(features);
    const inDomain = features.some((feature) => domainWords.has(feature));
    return { normalized, features, scores, inDomain, mentions };
  }

  function decide(text: string): Decision {
    const understanding = understand(text);
    const issuer = understanding.mentions[0]?.company ?? null;
    const exact = intentByQuestion.get(understanding.normalized);
    if (exact) return { kind: 'answer', intent: exact, confidence: 1, issuer, candidates: understanding.scores };

    const [best, runnerUp] = understanding.scores;
    const candidates = understanding.scores;
    if (!best || best.intent === 'none' || best.confidence < options.minConfidence || !withinDomain(best.intent, understanding)) {
      if (issuer && onlyDomainWords(understanding.features, domainWords)) {
        return { kind: 'answer', intent: 'issuer_links', confidence: scoreOf('issuer_links', candidates), issuer, candidates };
      }
      return { kind: 'outOfScope', intent: 'none', confidence: scoreOf('none', candidates), issuer, candidates };
    }
    if (runnerUp && runnerUp.intent !== 'none' && runnerUp.confidence >= best.confidence * options.closeRatio) {
      return { kind: 'clarify', intent: best.intent, confidence: best.confidence, issuer, candidates };
    }
    return { kind: 'answer', intent: best.intent, confidence: best.confidence, issuer, candidates };
  }

  return {
    understand,
    ask(text: string): FaqReply {
      if (text.length > MAX_MESSAGE_LENGTH) return composeReply(knowledgeBase, { kind: 'tooLong' });
      if (!HAS_WORDS.test(foldCharacters(text))) return composeReply(knowledgeBase, { kind: 'empty' });
      const cardNumberWarning = containsCardNumber(text);
      const decision = decide(cardNumberWarning ? removeCardNumbers(text) : text);
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

/** Card company names become one generic word, so the classifier learns the question, not the name. */
function withCompaniesGeneric(normalized: string, mentions: readonly CardCompanyMention[]): string {
  let text = '';
  let last = 0;
  for (const { start, end } of mentions) {
    text += `${normalized.slice(last, start)} ${GENERIC_COMPANY} `;
    last = end;
  }
  return text + normalized.slice(last);
}

function scoreOf(intent: IntentId, scores: readonly IntentScore[]): number {
  return scores.find((score) => score.intent === intent)?.confidence ?? 0;
}

/** "楽天カード" or "JCBのページ" alone: nothing but the name and FAQ words, so the company's page is the answer. */
function onlyDomainWords(features: readonly string[], domainWords: ReadonlySet<string>): boolean {
  return features.every((feature) => !feature.startsWith('w:') || domainWords.has(feature));
}
