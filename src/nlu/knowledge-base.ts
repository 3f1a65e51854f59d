/**
 * Loads and validates the data the engine runs on: answers, card companies, synonyms and
 * training utterances. Bad data stops the start with a message naming the file and the field.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { CardCompanyContext } from './card-companies';
import { type LabelledSet, readLabelledSets } from './labelled-set';
import type { SynonymEntry } from './normalize';
import { ALL_INTENTS, type CardCompany, type FaqAnswer, type IntentId, isIntentId } from './types';

export interface ReplyTexts {
  readonly cardNumberWarning: string;
  readonly tooLong: string;
  readonly clarify: string;
  readonly issuerPage: string;
  readonly issuerListNote: string;
  readonly error: string;
  /** The button that declines every choice of a clarification ("どれでもない"). */
  readonly noneOfThese: string;
  readonly cardCompanyPrompt: string;
  readonly cardCompanyList: string;
  readonly cardCompanyDecline: string;
  readonly feedbackPrompt: string;
  readonly feedbackYes: string;
  readonly feedbackNo: string;
  readonly feedbackThanks: string;
  readonly feedbackSorry: string;
}

const REPLY_KEYS: readonly (keyof ReplyTexts)[] = [
  'cardNumberWarning',
  'tooLong',
  'clarify',
  'issuerPage',
  'issuerListNote',
  'error',
  'noneOfThese',
  'cardCompanyPrompt',
  'cardCompanyList',
  'cardCompanyDecline',
  'feedbackPrompt',
  'feedbackYes',
  'feedbackNo',
  'feedbackThanks',
  'feedbackSorry',
];

/** The answer family an intent belongs to, if any. */
export function familyOf(
  knowledgeBase: Pick<KnowledgeBase, 'answers'>,
  intent: IntentId,
): string | undefined {
  return knowledgeBase.answers.get(intent)?.family;
}

/** The other members of an intent's answer family. */
export function familyMembers(knowledgeBase: Pick<KnowledgeBase, 'answers'>, intent: IntentId): IntentId[] {
  const family = familyOf(knowledgeBase, intent);
  if (family === undefined) return [];
  return [...knowledgeBase.answers.values()]
    .filter((answer) => answer.family === family && answer.intent !== intent)
    .map((answer) => answer.intent);
}

export interface KnowledgeBase {
  readonly answers: ReadonlyMap<IntentId, FaqAnswer>;
  readonly replies: ReplyTexts;
  readonly cardCompanies: readonly CardCompany[];
  /** The source's "as of" date for the card-company list, e.g. 令和7年3月27日現在. */
  readonly cardCompaniesAsOf: string;
  /** When a name means the card (card words, product words, shopping words). */
  readonly cardCompanyContext: CardCompanyContext;
  /** The team's spellings of the FAQ's terms (synonyms.json). */
  readonly synonyms: readonly SynonymEntry[];
  /** English words and phrases read as the FAQ's Japanese words, for messages written in English (english.json). */
  readonly english: readonly SynonymEntry[];
  /** The team's training utterances (intents/*.json). */
  readonly utterances: ReadonlyMap<IntentId, readonly string[]>;
  /** Independent writers' labelled questions (intents/writers/*.jsonl); sealed ones are never trained on. */
  readonly writerSets: readonly LabelledSet[];
}

export class KnowledgeBaseError extends Error {
  constructor(file: string, problem: string) {
    super(`Error in ${file}: ${problem}`);
    this.name = 'KnowledgeBaseError';
  }
}

/** The project folder (the one holding package.json), from src/ or dist/src/. */
export function projectRoot(from: string = __dirname): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`Error at projectRoot: no package.json above ${from}`);
    dir = parent;
  }
  return dir;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new KnowledgeBaseError(file, `expected readable JSON (${(error as Error).message})`);
  }
}

function expectString(file: string, where: string, value: unknown, allowEmpty = false): string {
  if (typeof value !== 'string' || (!allowEmpty && value.trim() === '')) {
    throw new KnowledgeBaseError(file, `expected ${where} to be a non-empty string`);
  }
  return value;
}

function expectStrings(file: string, where: string, value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new KnowledgeBaseError(file, `expected ${where} to be a non-empty list`);
  }
  return value.map((item, i) => expectString(file, `${where}[${i}]`, item));
}

/** An optional true/false field: absent means false. */
function expectFlag(file: string, where: string, value: unknown): boolean {
  if (value === undefined) return false;
  if (typeof value !== 'boolean') throw new KnowledgeBaseError(file, `expected ${where} to be true or false`);
  return value;
}

function expectIntent(file: string, where: string, value: unknown): IntentId {
  if (!isIntentId(value)) {
    throw new KnowledgeBaseError(
      file,
      `expected ${where} to be one of ${ALL_INTENTS.join(', ')}, got ${String(value)}`,
    );
  }
  return value;
}

function loadAnswers(file: string): Pick<KnowledgeBase, 'answers' | 'replies'> {
  const raw = readJson(file) as { answers?: unknown; replies?: Record<string, unknown> };
  if (!Array.isArray(raw.answers)) throw new KnowledgeBaseError(file, 'expected an "answers" list');
  const answers = new Map<IntentId, FaqAnswer>();
  raw.answers.forEach((entry: Record<string, unknown>, i: number) => {
    const intent = expectIntent(file, `answers[${i}].intent`, entry.intent);
    const isNone = intent === 'none';
    answers.set(intent, {
      intent,
      title: expectString(file, `answers[${i}].title`, entry.title),
      question: expectString(file, `answers[${i}].question`, entry.question, isNone),
      section: expectString(file, `answers[${i}].section`, entry.section, true),
      text: expectString(file, `answers[${i}].text`, entry.text),
      ...(entry.family === undefined
        ? {}
        : { family: expectString(file, `answers[${i}].family`, entry.family) }),
      next: expectStrings(file, `answers[${i}].next`, entry.next).map((id, j) =>
        expectIntent(file, `answers[${i}].next[${j}]`, id),
      ),
      offersCardCompanyPage: expectFlag(
        file,
        `answers[${i}].offersCardCompanyPage`,
        entry.offersCardCompanyPage,
      ),
    });
  });
  const missing = ALL_INTENTS.filter((intent) => !answers.has(intent));
  if (missing.length) throw new KnowledgeBaseError(file, `expected an answer for ${missing.join(', ')}`);
  const replies = raw.replies ?? {};
  const texts = Object.fromEntries(
    REPLY_KEYS.map((key) => [key, expectString(file, `replies.${key}`, replies[key])]),
  ) as Record<keyof ReplyTexts, string>;
  return { answers, replies: texts };
}

function optionalStrings(file: string, where: string, value: unknown): string[] {
  return value === undefined ? [] : expectStrings(file, where, value);
}

function loadCardCompanies(
  file: string,
): Pick<KnowledgeBase, 'cardCompanies' | 'cardCompaniesAsOf' | 'cardCompanyContext'> {
  const raw = readJson(file) as Record<string, unknown>;
  if (!Array.isArray(raw.companies)) throw new KnowledgeBaseError(file, 'expected a "companies" list');
  const seen = new Set<string>();
  const cardCompanies = raw.companies.map((entry: Record<string, unknown>, i: number): CardCompany => {
    const id = expectString(file, `companies[${i}].id`, entry.id);
    if (seen.has(id)) throw new KnowledgeBaseError(file, `expected unique ids, ${id} appears twice`);
    seen.add(id);
    const url = expectString(file, `companies[${i}].url`, entry.url);
    if (!url.startsWith('https://'))
      throw new KnowledgeBaseError(file, `expected companies[${i}].url to be https`);
    if (entry.kind !== 'issuer' && entry.kind !== 'brand') {
      throw new KnowledgeBaseError(file, `expected companies[${i}].kind to be issuer or brand`);
    }
    return {
      id,
      kind: entry.kind,
      name: expectString(file, `companies[${i}].name`, entry.name),
      ...(entry.serviceName === undefined
        ? {}
        : { serviceName: expectString(file, `companies[${i}].serviceName`, entry.serviceName) }),
      aliases: expectStrings(file, `companies[${i}].aliases`, entry.aliases),
      sharedNames: optionalStrings(file, `companies[${i}].sharedNames`, entry.sharedNames),
      strictNames: optionalStrings(file, `companies[${i}].strictNames`, entry.strictNames),
      serviceNames: optionalStrings(file, `companies[${i}].serviceNames`, entry.serviceNames),
      url,
    };
  });
  return {
    cardCompanies,
    cardCompaniesAsOf: expectString(file, 'asOf', raw.asOf),
    cardCompanyContext: {
      cardWords: expectStrings(file, 'cardWords', raw.cardWords),
      paymentWords: expectStrings(file, 'paymentWords', raw.paymentWords),
      productWords: expectStrings(file, 'productWords', raw.productWords),
      shoppingWords: expectStrings(file, 'shoppingWords', raw.shoppingWords),
      debitWords: expectStrings(file, 'debitWords', raw.debitWords),
    },
  };
}

function loadSynonyms(file: string, key: 'synonyms' | 'terms'): SynonymEntry[] {
  const list = (readJson(file) as Record<string, unknown>)[key];
  if (!Array.isArray(list)) throw new KnowledgeBaseError(file, `expected a "${key}" list`);
  return list.map((entry: Record<string, unknown>, i: number) => ({
    canonical: expectString(file, `${key}[${i}].canonical`, entry.canonical),
    variants: expectStrings(file, `${key}[${i}].variants`, entry.variants),
  }));
}

export function loadUtterances(dir: string): Map<IntentId, string[]> {
  const utterances = new Map<IntentId, string[]>();
  for (const name of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const file = path.join(dir, name);
    const raw = readJson(file) as { intent?: unknown; utterances?: unknown };
    const intent = expectIntent(file, 'intent', raw.intent);
    if (name !== `${intent}.json`)
      throw new KnowledgeBaseError(file, `expected the file to be named ${intent}.json`);
    utterances.set(intent, expectStrings(file, 'utterances', raw.utterances));
  }
  const missing = ALL_INTENTS.filter((intent) => !utterances.has(intent));
  if (missing.length) throw new KnowledgeBaseError(dir, `expected utterances for ${missing.join(', ')}`);
  return utterances;
}

export function loadKnowledgeBase(root: string = projectRoot()): KnowledgeBase {
  return {
    ...loadAnswers(path.join(root, 'data', 'answers.json')),
    ...loadCardCompanies(path.join(root, 'data', 'card-companies.json')),
    synonyms: loadSynonyms(path.join(root, 'data', 'synonyms.json'), 'synonyms'),
    english: loadSynonyms(path.join(root, 'data', 'english.json'), 'terms'),
    utterances: loadUtterances(path.join(root, 'intents')),
    writerSets: readLabelledSets(path.join(root, 'intents', 'writers')),
  };
}
