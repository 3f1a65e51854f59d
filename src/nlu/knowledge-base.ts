/**
 * Loads and validates the data the engine runs on: answers, card companies, synonyms and
 * training utterances. Bad data stops the start with a message naming the file and the field.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { CardCompanyContext } from './card-companies';
import { type LabelledSet, readLabelledSets } from './labelled-set';
import type { SynonymEntry } from './normalize';
import {
  ALL_INTENTS,
  type CardCompany,
  type FaqAnswer,
  type IntentId,
  isIntentId,
  MAX_LABEL_LENGTH,
} from './types';

export interface ReplyTexts {
  readonly cardNumberWarning: string;
  readonly tooLong: string;
  readonly clarify: string;
  /** Beside another answer: the named company's page follows. `{name}` is the company. */
  readonly issuerPage: string;
  /** The company's page on its own (the user named or chose only the company). */
  readonly issuerPageOnly: string;
  /** The companies' pages asked for without a company: the choice of company follows. */
  readonly issuerChoiceIntro: string;
  /** The list is an example as of a date. `{asOf}` is the date. */
  readonly issuerListNote: string;
  readonly error: string;
  readonly yes: string;
  readonly no: string;
  /** The button that declines every choice of a clarification ("どれでもない"), and what follows it. */
  readonly noneOfThese: string;
  readonly noneOfTheseReply: string;
  readonly cardCompanyOffer: string;
  readonly cardCompanyChoice: string;
  /** Headings of the two parts of the list of companies. */
  readonly cardCompanyIssuers: string;
  readonly cardCompanyBrands: string;
  readonly cardCompanyUnknown: string;
  readonly cardCompanyDecline: string;
  /** A company not in the list, or not known: the contact desk on the back of the card. */
  readonly cardCompanyNotListed: string;
  readonly feedbackPrompt: string;
  readonly feedbackThanks: string;
  readonly feedbackSorry: string;
  readonly acknowledged: string;
  /** A reply that does not answer the bot's question: it is asked again. */
  readonly answerAgain: string;
  /** A reply to a question the bot did not ask (「はい」 out of the blue). */
  readonly nothingAsked: string;
  /** After an answer: the message's aside (「…？ちなみに受験票はいつ届きますか」) is not answered here. */
  readonly asideNotAnswered: string;
}

const REPLY_KEYS: readonly (keyof ReplyTexts)[] = [
  'cardNumberWarning',
  'tooLong',
  'clarify',
  'issuerPage',
  'issuerPageOnly',
  'issuerChoiceIntro',
  'issuerListNote',
  'error',
  'yes',
  'no',
  'noneOfThese',
  'noneOfTheseReply',
  'cardCompanyOffer',
  'cardCompanyChoice',
  'cardCompanyIssuers',
  'cardCompanyBrands',
  'cardCompanyUnknown',
  'cardCompanyDecline',
  'cardCompanyNotListed',
  'feedbackPrompt',
  'feedbackThanks',
  'feedbackSorry',
  'acknowledged',
  'answerAgain',
  'nothingAsked',
  'asideNotAnswered',
];

/** Texts that are button labels: they must fit a short button whole. */
const LABEL_KEYS: readonly (keyof ReplyTexts)[] = [
  'yes',
  'no',
  'noneOfThese',
  'cardCompanyUnknown',
  'cardCompanyDecline',
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

/** A button label: a non-empty string that fits a short button whole (LINE's quick replies). */
function expectLabel(file: string, where: string, value: unknown): string {
  const label = expectString(file, where, value);
  if ([...label].length > MAX_LABEL_LENGTH) {
    throw new KnowledgeBaseError(
      file,
      `expected ${where} to be at most ${MAX_LABEL_LENGTH} characters: ${label}`,
    );
  }
  return label;
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
      label: expectLabel(file, `answers[${i}].label`, entry.label),
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
  for (const key of LABEL_KEYS) expectLabel(file, `replies.${key}`, texts[key]);
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
      // The name is also the company's button label.
      name: expectLabel(file, `companies[${i}].name`, entry.name),
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
      settingWords: expectStrings(file, 'settingWords', raw.settingWords),
      shoppingWords: expectStrings(file, 'shoppingWords', raw.shoppingWords),
      placeWords: expectStrings(file, 'placeWords', raw.placeWords),
      debitWords: expectStrings(file, 'debitWords', raw.debitWords),
      gradeWords: expectStrings(file, 'gradeWords', raw.gradeWords),
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
