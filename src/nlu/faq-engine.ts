/**
 * The FAQ engine: normalize → tokenize → features → classify → card companies → answer.
 * Pure: no bot or HTTP code; the tokenizer and the knowledge base are injected.
 */
import type { CardCompanyMention } from './card-companies';
import { containsCardNumber, maskCardNumbers } from './card-number';
import { composeReply, type Decision } from './compose-reply';
import { buildFaqModel, type FaqModel, type ModelOptions, type SavedModel } from './faq-model';
import { DEFAULT_FEATURE_OPTIONS } from './features';
import type { KnowledgeBase } from './knowledge-base';
import { ReplyCache } from './reply-cache';
import type { Tokenizer } from './tokenizer';
import {
  type CardCompany,
  type FaqReply,
  type IntentId,
  type IntentScore,
  SMALL_TALK_INTENTS,
} from './types';

export const MAX_MESSAGE_LENGTH = 2000;
/** A message without a letter or digit (empty, spaces, emoji, symbols) gets the help message. */
const HAS_WORDS = /[\p{L}\p{N}]/u;

export interface EngineOptions extends ModelOptions {
  /** Below this posterior the best intent is not trusted and the question is out of scope. */
  readonly minConfidence: number;
  /** A runner-up at least this share of the best intent's posterior makes the two "close". */
  readonly closeRatio: number;
  /** How many replies to remember by message text (0: none). */
  readonly cacheSize: number;
  /**
   * Weight of the "none" posterior before deciding. Out-of-scope questions are an unbounded
   * topic learned from a few hundred examples, so their evidence is discounted: chosen by
   * cross-validation on the training utterances, trading a little rejection for in-scope recall.
   */
  readonly outOfScopeWeight: number;
}

export const DEFAULT_ENGINE_OPTIONS: EngineOptions = {
  minConfidence: 0.3,
  closeRatio: 0.35,
  features: DEFAULT_FEATURE_OPTIONS,
  smoothing: 0.3,
  cacheSize: 1000,
  outOfScopeWeight: 0.3,
};

export interface Understanding {
  readonly normalized: string;
  readonly features: readonly string[];
  readonly scores: readonly IntentScore[];
  /** Whether the message holds a word typical of the FAQ's questions. */
  readonly inDomain: boolean;
  readonly mentions: readonly CardCompanyMention[];
}

export interface FaqEngine {
  ask(text: string): FaqReply;
  /** The answer of a known intent, e.g. the one picked after a clarification; with the company's page when given. */
  answerFor(intent: IntentId, issuer?: CardCompany | null): FaqReply;
  /** The classification step alone (for evaluation and benchmarks). */
  understand(text: string): Understanding;
  /** The trained model, e.g. for saving it at build time. */
  readonly model: FaqModel;
}

export function createFaqEngine(
  tokenizer: Tokenizer,
  knowledgeBase: KnowledgeBase,
  options: EngineOptions = DEFAULT_ENGINE_OPTIONS,
  savedModel?: SavedModel,
): FaqEngine {
  const model = buildFaqModel(tokenizer, knowledgeBase, options, savedModel);
  const cache = new ReplyCache<FaqReply>(options.cacheSize);
  const intentByQuestion = new Map<string, IntentId>();
  for (const answer of knowledgeBase.answers.values()) {
    if (answer.question) intentByQuestion.set(model.analyze(answer.question).normalized, answer.intent);
  }

  function understand(text: string): Understanding {
    const { normalized, mentions, features } = model.analyze(text);
    const scores = weighOutOfScope(model.classifier.classify(features), options.outOfScopeWeight);
    const inDomain = features.some((feature) => model.domainWords.has(feature));
    return { normalized, features, scores, inDomain, mentions };
  }

  function decide(text: string): Decision {
    const understanding = understand(text);
    const issuer = understanding.mentions[0]?.company ?? null;
    const candidates = understanding.scores;
    const exact = intentByQuestion.get(understanding.normalized);
    if (exact) return { kind: 'answer', intent: exact, confidence: 1, issuer, candidates };

    const [best, runnerUp] = candidates;
    const trusted =
      best !== undefined &&
      best.intent !== 'none' &&
      best.confidence >= options.minConfidence &&
      (understanding.inDomain || isSmallTalk(best.intent));
    if (!trusted) {
      if (issuer && onlyDomainWords(understanding.features, model.domainWords)) {
        return {
          kind: 'answer',
          intent: 'issuer_links',
          confidence: scoreOf('issuer_links', candidates),
          issuer,
          candidates,
        };
      }
      return {
        kind: 'outOfScope',
        intent: 'none',
        confidence: scoreOf('none', candidates),
        issuer,
        candidates,
      };
    }
    if (
      runnerUp &&
      runnerUp.intent !== 'none' &&
      runnerUp.confidence >= best.confidence * options.closeRatio
    ) {
      return { kind: 'clarify', intent: best.intent, confidence: best.confidence, issuer, candidates };
    }
    return { kind: 'answer', intent: best.intent, confidence: best.confidence, issuer, candidates };
  }

  return {
    model,
    understand,
    answerFor(intent: IntentId, issuer: CardCompany | null = null): FaqReply {
      return composeReply(knowledgeBase, { kind: 'answer', intent, confidence: 1, issuer, candidates: [] });
    },
    ask(text: string): FaqReply {
      if (text.length > MAX_MESSAGE_LENGTH) return composeReply(knowledgeBase, { kind: 'tooLong' });
      const cached = cache.get(text);
      if (cached) return cached;
      if (!HAS_WORDS.test(text)) return composeReply(knowledgeBase, { kind: 'empty' });
      if (containsCardNumber(text)) {
        // Never kept in the cache: its key would hold the card number.
        // The number is taken out, so the rest of the question can still be understood.
        return composeReply(knowledgeBase, decide(maskCardNumbers(text, ' ')), true);
      }
      const reply = composeReply(knowledgeBase, decide(text));
      cache.set(text, reply);
      return reply;
    },
  };
}

function weighOutOfScope(scores: readonly IntentScore[], weight: number): IntentScore[] {
  const weighed = scores.map((score) =>
    score.intent === 'none' ? { ...score, confidence: score.confidence * weight } : score,
  );
  const total = weighed.reduce((sum, score) => sum + score.confidence, 0);
  return weighed
    .map((score) => ({ intent: score.intent, confidence: total > 0 ? score.confidence / total : 0 }))
    .sort((a, b) => b.confidence - a.confidence);
}

/** Small talk has no FAQ vocabulary, so it is exempt from the domain-word check. */
function isSmallTalk(intent: IntentId): boolean {
  return (SMALL_TALK_INTENTS as readonly string[]).includes(intent);
}

function scoreOf(intent: IntentId, scores: readonly IntentScore[]): number {
  return scores.find((score) => score.intent === intent)?.confidence ?? 0;
}

/** "楽天カード" or "JCBのページ" alone: nothing but the name and FAQ words, so the company's page is the answer. */
function onlyDomainWords(features: readonly string[], domainWords: ReadonlySet<string>): boolean {
  return features.every((feature) => !feature.startsWith('w:') || domainWords.has(feature));
}
