/**
 * The trained part of the engine: how a text becomes features (normalize → name card companies
 * generically → tokenize → features), the classifier trained on the intents' utterances, and
 * the words that mark a question as being about this FAQ.
 *
 * `npm run build` trains once and saves the model as dist/model.json beside the compiled code,
 * so the server starts without re-tokenizing every utterance; the fingerprint of the data it was
 * trained on tells whether a saved model still fits (if not, the engine trains at start).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type CardCompanyMention, createCardCompanyFinder } from './card-companies';
import { extractFeatures, type FeatureOptions } from './features';
import {
  type BayesCounts,
  createIntentClassifier,
  type IntentClassifier,
  trainBayes,
} from './intent-classifier';
import type { KnowledgeBase } from './knowledge-base';
import { createNormalizer } from './normalize';
import type { Tokenizer } from './tokenizer';
import type { IntentId } from './types';

/** Card company names become this one word, so the classifier learns the question, not the name. */
const GENERIC_COMPANY = 'カード会社';
const MODEL_FORMAT = 1;

export interface ModelOptions {
  readonly features: FeatureOptions;
  /** Smoothing of the naive Bayes model (natural's default is 1). */
  readonly smoothing: number;
}

export interface SavedModel {
  readonly format: number;
  readonly fingerprint: string;
  readonly bayes: BayesCounts;
  readonly domainWords: readonly string[];
}

export interface Analysis {
  readonly normalized: string;
  readonly mentions: readonly CardCompanyMention[];
  readonly features: readonly string[];
}

export interface FaqModel {
  analyze(text: string): Analysis;
  readonly classifier: IntentClassifier;
  /** Word features seen in in-scope questions clearly more often than in out-of-scope ones. */
  readonly domainWords: ReadonlySet<string>;
  readonly saved: SavedModel;
  /** True when the model came from a saved file rather than training at start. */
  readonly restored: boolean;
}

export function modelFingerprint(knowledgeBase: KnowledgeBase, options: ModelOptions): string {
  const inputs = {
    format: MODEL_FORMAT,
    options,
    utterances: [...knowledgeBase.utterances],
    synonyms: knowledgeBase.synonyms,
    companies: knowledgeBase.cardCompanies.map((company) => [company.id, company.name, company.aliases]),
  };
  return createHash('sha256').update(JSON.stringify(inputs)).digest('hex');
}

function withCompaniesGeneric(normalized: string, mentions: readonly CardCompanyMention[]): string {
  let text = '';
  let last = 0;
  for (const { start, end } of mentions) {
    text += `${normalized.slice(last, start)} ${GENERIC_COMPANY} `;
    last = end;
  }
  return text + normalized.slice(last);
}

function collectDomainWords(
  examples: readonly { intent: IntentId; features: readonly string[] }[],
): string[] {
  const inScope = new Map<string, number>();
  const outOfScope = new Map<string, number>();
  for (const { intent, features } of examples) {
    const counts = intent === 'none' ? outOfScope : inScope;
    for (const feature of features) {
      if (feature.startsWith('w:')) counts.set(feature, (counts.get(feature) ?? 0) + 1);
    }
  }
  return [...inScope]
    .filter(([feature, count]) => count >= 2 && count > 2 * (outOfScope.get(feature) ?? 0))
    .map(([feature]) => feature);
}

export function buildFaqModel(
  tokenizer: Tokenizer,
  knowledgeBase: KnowledgeBase,
  options: ModelOptions,
  saved?: SavedModel,
): FaqModel {
  const normalize = createNormalizer(knowledgeBase.synonyms);
  const findCardCompanies = createCardCompanyFinder(knowledgeBase.cardCompanies, normalize);
  const analyze = (text: string): Analysis => {
    const normalized = normalize(text);
    const mentions = findCardCompanies(normalized);
    const features = extractFeatures(
      tokenizer.tokenize(withCompaniesGeneric(normalized, mentions)),
      options.features,
    );
    return { normalized, mentions, features };
  };

  const fingerprint = modelFingerprint(knowledgeBase, options);
  const restored = saved?.format === MODEL_FORMAT && saved.fingerprint === fingerprint;
  let model: SavedModel;
  if (restored && saved) {
    model = saved;
  } else {
    const examples = [...knowledgeBase.utterances].flatMap(([intent, utterances]) =>
      utterances.map((utterance) => ({ intent, features: analyze(utterance).features })),
    );
    model = {
      format: MODEL_FORMAT,
      fingerprint,
      bayes: trainBayes(examples, options.smoothing),
      domainWords: collectDomainWords(examples),
    };
  }
  return {
    analyze,
    classifier: createIntentClassifier(model.bayes),
    domainWords: new Set(model.domainWords),
    saved: model,
    restored,
  };
}

/** Where `npm run build` saves the trained model, beside the compiled code. */
export function savedModelPath(root: string): string {
  return path.join(root, 'dist', 'model.json');
}

/** The saved model, or undefined when there is none or it cannot be read (then the engine trains). */
export function readSavedModel(file: string): SavedModel | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as SavedModel;
  } catch {
    return undefined;
  }
}
