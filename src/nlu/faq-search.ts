/**
 * Search, for staff who look an answer up by a few words (the Teams message extension): the
 * FAQ answers that match, best first, each with its confidence, ready to be shown on their own
 * in another conversation. The words are understood and judged in or out of scope by the same
 * decision as a question (decide.ts), so a search never lists an answer the bot would refuse to
 * give; where the bot would ask which of two topics was meant, a search lists both.
 *
 * A result's confidence is P(in scope) × the intent's posterior; the bot's own answer comes
 * first, with the confidence the bot gives it (its answer family's share included). Small talk
 * (greeting, thanks, help) is not a result. Without words, the search shows the main topics
 * (the ones the help answer offers), each as when staff press its button: confidence 1.
 */
import { cardCompanyLink, composeReply, type Decision } from './compose-reply';
import type { KnowledgeBase } from './knowledge-base';
import { type CardCompany, type FaqReply, type IntentId, type IntentScore, isFaqIntent } from './types';

export const MAX_SEARCH_RESULTS = 5;

/** Below this a match is noise (the classifier's posteriors are sharp). */
const MIN_SEARCH_CONFIDENCE = 0.01;

export type FaqSearch =
  /** `matches`: answers to the words, best first; `topics`: no words, the main topics. */
  | { readonly kind: 'matches' | 'topics'; readonly answers: readonly FaqReply[] }
  /** Nothing in the FAQ matches; too long to judge; holds a card number (not searched, never echoed). */
  | { readonly kind: 'outOfScope' | 'tooLong' | 'cardNumber' };

/**
 * An answer that stands on its own: nobody can be asked which card company in a pasted card, so
 * the card companies' answer without a company named lists every company's page, as the help
 * page does.
 */
function standalone(knowledgeBase: KnowledgeBase, intent: IntentId, decision: Decision): FaqReply {
  const reply = composeReply(knowledgeBase, decision);
  const answer = knowledgeBase.answers.get(intent);
  if (intent !== 'issuer_links' || reply.issuer || !answer) return reply;
  const note = knowledgeBase.replies.issuerListNote.replace('{asOf}', knowledgeBase.cardCompaniesAsOf);
  return {
    ...reply,
    text: `${answer.text}\n\n${note}`,
    links: knowledgeBase.cardCompanies.map(cardCompanyLink),
    followUp: { question: null, feedback: false },
  };
}

/** A found intent's answer, with the card company the words name and the confidence found. */
function foundAnswer(
  knowledgeBase: KnowledgeBase,
  { intent, confidence }: IntentScore,
  issuer: CardCompany | null,
  candidates: readonly IntentScore[] = [],
): FaqReply {
  return standalone(knowledgeBase, intent, { kind: 'answer', intent, confidence, issuer, candidates });
}

/** The answers a decision about the words leads to, best first. */
export function searchResults(
  knowledgeBase: KnowledgeBase,
  decision: Decision,
  inScope: number,
  limit = MAX_SEARCH_RESULTS,
): FaqSearch {
  if (decision.kind !== 'answer' && decision.kind !== 'clarify') return { kind: 'outOfScope' };
  const answered: IntentScore[] =
    decision.kind === 'answer' ? [{ intent: decision.intent, confidence: decision.confidence }] : [];
  const others = decision.candidates
    .filter((candidate) => decision.kind !== 'answer' || candidate.intent !== decision.intent)
    .map((candidate) => ({ intent: candidate.intent, confidence: inScope * candidate.confidence }));
  const found = [...answered, ...others]
    .filter((score) => isFaqIntent(score.intent) && score.confidence >= MIN_SEARCH_CONFIDENCE)
    .slice(0, limit);
  if (found.length === 0) return { kind: 'outOfScope' };
  return {
    kind: 'matches',
    answers: found.map((score) => foundAnswer(knowledgeBase, score, decision.issuer, decision.candidates)),
  };
}

/** The main topics, for a search without words: those the help answer offers. */
export function mainTopics(knowledgeBase: KnowledgeBase): FaqSearch {
  const intents = knowledgeBase.answers.get('help')?.next ?? [];
  const answers = intents.map((intent) => foundAnswer(knowledgeBase, { intent, confidence: 1 }, null));
  return { kind: 'topics', answers };
}
