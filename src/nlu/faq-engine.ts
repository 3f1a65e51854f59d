/**
 * The FAQ engine: a message's path, as a list of stages.
 *
 *   guard       too long, no words, a card number (masked before anything else sees it)
 *   analyze     normalize → card companies → tokenize → fold terms → features   (analyzer.ts)
 *   score       intents (Bayes + neighbours + document, calibrated) and P(in scope)  (faq-model.ts)
 *   decide      a button's question, the company alone, out of scope, clarify, or answer  (decide.ts)
 *   compose     the structured reply: text, links, next questions              (compose-reply.ts)
 *
 * `search` takes the same path to a decision, then lists the matching answers (faq-search.ts).
 *
 * Pure: no bot or HTTP code; the tokenizer and the knowledge base are injected.
 */
import type { CardCompanyMention, FindOptions } from './card-companies';
import { containsCardNumber, maskCardNumbers } from './card-number';
import { asksSomething } from './asides';
import { composeReply, type Decision } from './compose-reply';
import { decide, type DecisionOptions } from './decide';
import {
  buildFaqModel,
  type FaqModel,
  type ModelOptions,
  type SavedModel,
  type Scores,
  type TrainingQuestion,
} from './faq-model';
import { DEFAULT_FEATURE_OPTIONS } from './features';
import { type FaqSearch, mainTopics, searchResults } from './faq-search';
import { familyOf, type KnowledgeBase } from './knowledge-base';
import { normalize } from './normalize';
import { onlyPleasantries } from './pleasantries';
import { ReplyCache } from './reply-cache';
import type { Tokenizer } from './tokenizer';
import type { CardCompany, FaqReply, IntentId } from './types';

export const MAX_MESSAGE_LENGTH = 2000;
/** A message without a letter or digit (empty, spaces, emoji, symbols) gets the help message. */
const HAS_WORDS = /[\p{L}\p{N}]/u;

export interface EngineOptions extends ModelOptions, DecisionOptions {
  /** How many replies to remember by message text (0: none). */
  readonly cacheSize: number;
}

export const DEFAULT_ENGINE_OPTIONS: EngineOptions = {
  features: DEFAULT_FEATURE_OPTIONS,
  smoothing: 0.5,
  weights: { w: 1, g: 1, r: 1 },
  scorer: { neighbourCount: 10, neighbourWeight: 5, documentWeight: 0.5 },
  folds: 5,
  closeRatio: 0.5,
  shortMessageFloor: 0.2,
  cacheSize: 1000,
};

export interface Understanding extends Scores {
  readonly normalized: string;
  /** The sentences left out as asides (asides.ts); '' when none. */
  readonly asides: string;
  readonly features: readonly string[];
  readonly mentions: readonly CardCompanyMention[];
  /** Content words, by dictionary form. */
  readonly words: readonly string[];
}

export interface FaqEngine {
  ask(text: string): FaqReply;
  /** The answers a few words match, best first (staff's search); never cached, a card number never searched. */
  search(text: string): FaqSearch;
  /** The answer of a known intent, e.g. the one picked after a clarification; with the company's page when given. */
  answerFor(intent: IntentId, issuer?: CardCompany | null): FaqReply;
  /** The card company a message names; `expectingCompany` when it answers the bot's question about it. */
  cardCompanyIn(text: string, options?: FindOptions): CardCompany | null;
  /** The understanding step alone (for evaluation and benchmarks). */
  understand(text: string): Understanding;
  /** The trained model, e.g. for saving it at build time. */
  readonly model: FaqModel;
}

export function createFaqEngine(
  tokenizer: Tokenizer,
  knowledgeBase: KnowledgeBase,
  options: EngineOptions = DEFAULT_ENGINE_OPTIONS,
  savedModel?: SavedModel,
  questions?: readonly TrainingQuestion[],
): FaqEngine {
  const model = buildFaqModel(tokenizer, knowledgeBase, options, savedModel, questions);
  const cache = new ReplyCache<FaqReply>(options.cacheSize);
  const intentByQuestion = new Map<string, IntentId>();
  for (const answer of knowledgeBase.answers.values()) {
    if (answer.question) intentByQuestion.set(normalize(answer.question), answer.intent);
  }

  function understand(text: string): Understanding {
    const analysis = model.analyze(text);
    return { ...analysis, ...model.score(analysis) };
  }

  function judge(text: string): { readonly understanding: Understanding; readonly decision: Decision } {
    const understanding = understand(text);
    const decision = decideOn(understanding);
    // The main wish is answered; an aside that asks what the page does not answer is said to be so.
    const { asides } = understanding;
    if (decision.kind === 'answer' && asides && asksSomething(asides)) {
      const aside = decideOn(understand(asides));
      if (aside.kind === 'outOfScope')
        return { understanding, decision: { ...decision, asideNotAnswered: true } };
    }
    return { understanding, decision };
  }

  function decideOn(understanding: Understanding): Decision {
    return decide(
      understanding,
      // A button's own question, or a message of nothing but pleasantries (「お世話になります。」).
      intentByQuestion.get(understanding.normalized) ?? onlyPleasantries(understanding.normalized),
      model.saved.scope,
      options,
      (intent) => familyOf(knowledgeBase, intent),
    );
  }

  function reply(text: string, cardNumberWarning = false): FaqReply {
    return composeReply(knowledgeBase, judge(text).decision, cardNumberWarning);
  }

  // Counted in characters, as people count them; no text has more of them than UTF-16 units.
  const tooLong = (text: string) => text.length > MAX_MESSAGE_LENGTH && [...text].length > MAX_MESSAGE_LENGTH;

  return {
    model,
    understand,
    cardCompanyIn(text, findOptions) {
      return model.findCardCompanies(normalize(maskCardNumbers(text, ' ')), findOptions)[0]?.company ?? null;
    },
    answerFor(intent: IntentId, issuer: CardCompany | null = null): FaqReply {
      return composeReply(knowledgeBase, { kind: 'answer', intent, confidence: 1, issuer, candidates: [] });
    },
    ask(text: string): FaqReply {
      if (tooLong(text)) return composeReply(knowledgeBase, { kind: 'tooLong' });
      const cached = cache.get(text);
      if (cached) return cached;
      if (!HAS_WORDS.test(text)) return composeReply(knowledgeBase, { kind: 'empty' });
      if (containsCardNumber(text)) {
        // Never kept in the cache: its key would hold the card number.
        // The number is taken out, so the rest of the question can still be understood.
        return reply(maskCardNumbers(text, ' '), true);
      }
      const answer = reply(text);
      cache.set(text, answer);
      return answer;
    },
    search(text: string): FaqSearch {
      if (tooLong(text)) return { kind: 'tooLong' };
      if (!HAS_WORDS.test(text)) return mainTopics(knowledgeBase);
      if (containsCardNumber(text)) return { kind: 'cardNumber' };
      const { understanding, decision } = judge(text);
      return searchResults(knowledgeBase, decision, understanding.inScope);
    },
  };
}
