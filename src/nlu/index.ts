/** The engine's public API for the bot and the command line (evaluation tools and tests also use single modules). */
import { createFaqEngine, type EngineOptions, type FaqEngine, DEFAULT_ENGINE_OPTIONS } from './faq-engine';
import { readSavedModel, savedModelPath } from './faq-model';
import { type KnowledgeBase, loadKnowledgeBase, projectRoot } from './knowledge-base';
import { loadTokenizer, type Tokenizer } from './tokenizer';

export { createFaqEngine, DEFAULT_ENGINE_OPTIONS, MAX_MESSAGE_LENGTH } from './faq-engine';
export type { EngineOptions, FaqEngine, Understanding } from './faq-engine';
export { MAX_SEARCH_RESULTS } from './faq-search';
export type { FaqSearch } from './faq-search';
export { loadKnowledgeBase, projectRoot } from './knowledge-base';
export type { KnowledgeBase } from './knowledge-base';
export { loadTokenizer } from './tokenizer';
export { readSavedModel, savedModelPath, writeSavedModel } from './faq-model';
export type { SavedModel } from './faq-model';
export type { Token, Tokenizer } from './tokenizer';
export { replyAsPlainText } from './compose-reply';
export { containsCardNumber, maskCardNumbers, passesLuhn } from './card-number';
export { maskPersonalData } from './personal-data';
export { firstCharacters } from './normalize';
export * from './types';

export interface LoadedEngine {
  readonly engine: FaqEngine;
  readonly tokenizer: Tokenizer;
  readonly knowledgeBase: KnowledgeBase;
}

/**
 * Loads the dictionary (asynchronously, once) and the data, and the model `npm run build` saved
 * when it was trained on the current data (else trains it: a few seconds). `fresh` always trains.
 */
export async function loadFaqEngine(
  tokenizerLoading: Promise<Tokenizer> = loadTokenizer(),
  options: EngineOptions = DEFAULT_ENGINE_OPTIONS,
  { fresh = false }: { readonly fresh?: boolean } = {},
): Promise<LoadedEngine> {
  const knowledgeBase = loadKnowledgeBase();
  const saved = fresh ? undefined : readSavedModel(savedModelPath(projectRoot()));
  const tokenizer = await tokenizerLoading;
  return { engine: createFaqEngine(tokenizer, knowledgeBase, options, saved), tokenizer, knowledgeBase };
}
