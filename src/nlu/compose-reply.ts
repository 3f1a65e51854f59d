/**
 * Turns the engine's decision into a structured reply: text, links and next-question buttons,
 * all taken from the knowledge base, so every channel can render it natively.
 */
import { familyMembers, type KnowledgeBase } from './knowledge-base';
import type { CardCompany, FaqAnswer, FaqReply, IntentId, IntentScore, Link, Suggestion } from './types';

export type Decision =
  | { readonly kind: 'empty' }
  | { readonly kind: 'tooLong' }
  | {
      readonly kind: 'answer' | 'clarify' | 'outOfScope';
      readonly intent: IntentId;
      readonly confidence: number;
      readonly issuer: CardCompany | null;
      readonly candidates: readonly IntentScore[];
    };

const MAX_CANDIDATES = 3;

export function cardCompanyLink(company: CardCompany): Link {
  const title = company.serviceName ? `${company.name}「${company.serviceName}」` : company.name;
  return { title, url: company.url };
}

function suggestionFor(answer: FaqAnswer): Suggestion {
  return { title: answer.title, question: answer.question, intent: answer.intent };
}

function answerOf(knowledgeBase: KnowledgeBase, intent: IntentId): FaqAnswer {
  const answer = knowledgeBase.answers.get(intent);
  if (!answer) throw new Error(`Error at composeReply: no answer for intent ${intent}`);
  return answer;
}

function nextSuggestions(knowledgeBase: KnowledgeBase, answer: FaqAnswer): Suggestion[] {
  return answer.next.map((intent) => suggestionFor(answerOf(knowledgeBase, intent)));
}

function issuerPart(knowledgeBase: KnowledgeBase, issuer: CardCompany): { text: string; links: Link[] } {
  return {
    text: knowledgeBase.replies.issuerPage.replace('{name}', issuer.name),
    links: [cardCompanyLink(issuer)],
  };
}

function allCardCompanies(knowledgeBase: KnowledgeBase): { text: string; links: Link[] } {
  return {
    text: knowledgeBase.replies.issuerListNote.replace('{asOf}', knowledgeBase.cardCompaniesAsOf),
    links: knowledgeBase.cardCompanies.map(cardCompanyLink),
  };
}

function joinText(...parts: (string | undefined)[]): string {
  return parts.filter((part): part is string => Boolean(part)).join('\n\n');
}

export function composeReply(
  knowledgeBase: KnowledgeBase,
  decision: Decision,
  cardNumberWarning = false,
): FaqReply {
  const warning = cardNumberWarning ? knowledgeBase.replies.cardNumberWarning : undefined;
  const base = {
    cardNumberWarning,
    issuer: null,
    confidence: 0,
    candidates: [],
    section: '',
    alsoAnswers: [],
  } as const;

  if (decision.kind === 'empty') {
    const help = answerOf(knowledgeBase, 'help');
    return {
      ...base,
      kind: 'empty',
      intent: 'help',
      title: help.title,
      text: help.text,
      links: [],
      suggestions: nextSuggestions(knowledgeBase, help),
    };
  }
  if (decision.kind === 'tooLong') {
    return {
      ...base,
      kind: 'tooLong',
      intent: 'none',
      title: answerOf(knowledgeBase, 'none').title,
      text: knowledgeBase.replies.tooLong,
      links: [],
      suggestions: [],
    };
  }

  const { kind, intent, confidence, issuer, candidates } = decision;
  const common = { cardNumberWarning, issuer, confidence, candidates: candidates.slice(0, MAX_CANDIDATES) };

  if (kind === 'clarify') {
    const choices = candidates
      .slice(0, 2)
      .map((candidate) => suggestionFor(answerOf(knowledgeBase, candidate.intent)));
    return {
      ...common,
      kind,
      intent,
      title: answerOf(knowledgeBase, intent).title,
      text: joinText(warning, knowledgeBase.replies.clarify),
      links: [],
      suggestions: choices,
      section: '',
      alsoAnswers: [],
    };
  }

  const answer = answerOf(knowledgeBase, kind === 'outOfScope' ? 'none' : intent);
  const extra =
    issuer !== null && kind === 'answer'
      ? issuerPart(knowledgeBase, issuer)
      : kind === 'answer' && intent === 'issuer_links'
        ? allCardCompanies(knowledgeBase)
        : undefined;
  return {
    ...common,
    kind,
    intent: answer.intent,
    title: answer.title,
    text: joinText(warning, answer.text, extra?.text),
    links: extra?.links ?? [],
    suggestions: nextSuggestions(knowledgeBase, answer),
    section: answer.section,
    alsoAnswers: familyMembers(knowledgeBase, answer.intent),
  };
}

/** The reply as one plain text with its links, as the `ask` command and plain channels show it. */
export function replyAsPlainText(reply: FaqReply): string {
  const links = reply.links.map((link) => `${link.title}: ${link.url}`);
  return [reply.text, ...(links.length ? [links.join('\n')] : [])].join('\n\n');
}
