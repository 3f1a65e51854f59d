/**
 * Leave-one-writer-out cross-validation: each writer's questions are answered by a model trained
 * on everything except that writer, so every score comes from wording the model never saw.
 * A sealed set is never trained on, so the model that runs is the one that answers it.
 */
import { type Evaluation, scoreQuestions, type ScoredQuestion, summarize } from './evaluate';
import { createFaqEngine, type EngineOptions, type FaqEngine } from './faq-engine';
import { trainingQuestions } from './faq-model';
import type { KnowledgeBase } from './knowledge-base';
import type { LabelledSet } from './labelled-set';
import type { Tokenizer } from './tokenizer';

export interface WriterResult {
  readonly writer: string;
  readonly sealed: boolean;
  readonly results: readonly ScoredQuestion[];
  readonly evaluation: Evaluation;
}

export interface CrossValidationOptions {
  /** The model trained on all the data, for sealed sets (built when not given). */
  readonly engine?: FaqEngine;
  /** Called before each writer's model is trained (for progress). */
  readonly onWriter?: (writer: string, index: number, count: number) => void;
}

/** The engine that would run if `writer` had never written anything. */
export function engineWithout(
  tokenizer: Tokenizer,
  knowledgeBase: KnowledgeBase,
  options: EngineOptions,
  writer: string,
): FaqEngine {
  const questions = trainingQuestions(knowledgeBase).filter((question) => question.writer !== writer);
  return createFaqEngine(tokenizer, knowledgeBase, { ...options, cacheSize: 0 }, undefined, questions);
}

export function crossValidate(
  tokenizer: Tokenizer,
  knowledgeBase: KnowledgeBase,
  options: EngineOptions,
  { engine, onWriter }: CrossValidationOptions = {},
): WriterResult[] {
  const sets: readonly LabelledSet[] = knowledgeBase.writerSets;
  let full = engine;
  return sets.map((set, index) => {
    onWriter?.(set.name, index, sets.length);
    const answering = set.sealed
      ? (full ??= createFaqEngine(tokenizer, knowledgeBase, { ...options, cacheSize: 0 }))
      : engineWithout(tokenizer, knowledgeBase, options, set.name);
    const results = scoreQuestions(answering, set.questions);
    return { writer: set.name, sealed: set.sealed, results, evaluation: summarize(results) };
  });
}
