/** The engine's public API for the bot and the command line (evaluation tools and tests also use single modules). */
import { createFaqEngine, type EngineOptions, type FaqEngine, DEFAULT_ENGINE_OPTIONS } from './faq-engine';
import { type KnowledgeBase, loadKnowledgeBase } from './knowledge-base';
import { loadTokenizer, type Tokenizer } from './tokenizer';

export { createFaqEngine, DEFAULT_ENGINE_OPTIONS, MAX_MESSAGE_LENGTH } from './faq-engine';
export type { EngineOptions, FaqEngine, Understanding } from './faq-engine';
export { loadKnowledgeBase, projectRoot } from './knowledge-base';
export type { KnowledgeBase } from './knowledge-base';
export { loadTokenizer } from './tokenizer';
export { readSavedModel, savedModelPath } from './faq-model';
export type { SavedModel } from './faq-model';
export type { Token, Tokenizer } from './tokenizer';
export { replyAsPlainText } from './compose-reply';
export { containsCardNumber, maskCardNumbers, passesLuhn } from './card-number';
export { maskPersonalData } from './personal-data';
export * from './types';

export interface LoadedEngine {
  readonly engine: FaqEngine;
  readonly tokenizer: Tokenizer;
  readonly knowledgeBase: KnowledgeBase;
}

/** Loads the dictionary (asynchronously, once), the data, and trains the classifier. */
export async function loadFaqEngine(
  tokenizerLoading: Promise<Tokenizer> = loadTokenizer(),
  options: EngineOptions = DEFAULT_ENGINE_OPTIONS,
): Promise<LoadedEngine> {
  const knowledgeBase = loadKnowledgeBase();
  const tokenizer = await tokenizerLoading;
  return { engine: createFaqEngine(tokenizer, knowledgeBase, options), tokenizer, knowledgeBase };
}
