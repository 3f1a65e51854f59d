/**
 * Turns the engine's decision into a structured reply: text, links, buttons and what may follow
 * it (the bot's next question, the feedback question), all taken from the knowledge base, so
 * every channel can render it natively.
 */
import { familyMembers, type KnowledgeBase } from './knowledge-base';
import {
  type CardCompany,
  type FaqAnswer,
  type FaqReply,
  type FollowUp,
  type IntentId,
  type IntentScore,
  isFaqIntent,
  type Link,
  type Suggestion,
} from './types';

export type Decision =
  | { readonly kind: 'empty' }
  | { readonly kind: 'tooLong' }
  | {
      readonly kind: 'answer' | 'clarify' | 'outOfScope';
      readonly intent: IntentId;
      readonly confidence: number;
      readonly issuer: CardCompany | null;
      readonly candidates: readonly IntentScore[];
      /** The message's aside (asides.ts) asks what the page does not answer: the answer says so. */
      readonly asideNotAnswered?: boolean;
    };

const MAX_CANDIDATES = 3;

export function cardCompanyLink(company: CardCompany): Link {
  const title = company.serviceName ? `${company.name}「${company.serviceName}」` : company.name;
  // The name alone is the button's label: it fits (checked on load) and says whose page it is.
  return { title, label: company.name, url: company.url };
}

const NOTHING_FOLLOWS: FollowUp = { question: null, feedback: false };

function suggestionFor(answer: FaqAnswer): Suggestion {
  return { title: answer.title, label: answer.label, question: answer.question, intent: answer.intent };
}

function answerOf(knowledgeBase: KnowledgeBase, intent: IntentId): FaqAnswer {
  const answer = knowledgeBase.answers.get(intent);
  if (!answer) throw new Error(`Error at composeReply: no answer for intent ${intent}`);
  return answer;
}

function nextSuggestions(knowledgeBase: KnowledgeBase, answer: FaqAnswer): Suggestion[] {
  return answer.next.map((intent) => suggestionFor(answerOf(knowledgeBase, intent)));
}

/** The named company's page beside another answer. */
function issuerPart(knowledgeBase: KnowledgeBase, issuer: CardCompany): { text: string; links: Link[] } {
  return {
    text: knowledgeBase.replies.issuerPage.replace('{name}', issuer.name),
    links: [cardCompanyLink(issuer)],
  };
}

/**
 * The answer about the card companies' pages: the named company's page alone, in a sentence of
 * its own; with no company named, the user is asked which one (a choice, not two dozen links).
 */
function companyPages(
  knowledgeBase: KnowledgeBase,
  issuer: CardCompany | null,
): { text: string; links: Link[]; followUp: FollowUp } {
  const { replies } = knowledgeBase;
  if (!issuer) {
    return {
      text: replies.issuerChoiceIntro,
      links: [],
      followUp: { question: 'cardCompanyChoice', feedback: true },
    };
  }
  return {
    text: replies.issuerPageOnly.replace('{name}', issuer.name),
    links: [cardCompanyLink(issuer)],
    followUp: { question: null, feedback: true },
  };
}

/** After an answer: the company's page may be offered when the answer sends the user there and none was named. */
function answerFollowUp(answer: FaqAnswer, issuer: CardCompany | null): FollowUp {
  if (!isFaqIntent(answer.intent)) return NOTHING_FOLLOWS;
  const offer = answer.offersCardCompanyPage && issuer === null;
  return { question: offer ? 'cardCompanyOffer' : null, feedback: true };
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
    followUp: NOTHING_FOLLOWS,
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
      followUp: { question: 'clarify', feedback: false },
    };
  }

  const answer = answerOf(knowledgeBase, kind === 'outOfScope' ? 'none' : intent);
  const reply = {
    ...common,
    kind,
    intent: answer.intent,
    title: answer.title,
    suggestions: nextSuggestions(knowledgeBase, answer),
    section: answer.section,
    alsoAnswers: familyMembers(knowledgeBase, answer.intent),
  };
  if (kind === 'outOfScope') {
    return { ...reply, text: joinText(warning, answer.text), links: [], followUp: NOTHING_FOLLOWS };
  }
  const aside = decision.asideNotAnswered ? knowledgeBase.replies.asideNotAnswered : undefined;
  if (answer.intent === 'issuer_links') {
    const pages = companyPages(knowledgeBase, issuer);
    return {
      ...reply,
      text: joinText(warning, pages.text, aside),
      links: pages.links,
      followUp: pages.followUp,
    };
  }
  const page = issuer ? issuerPart(knowledgeBase, issuer) : undefined;
  return {
    ...reply,
    text: joinText(warning, answer.text, page?.text, aside),
    links: page?.links ?? [],
    followUp: answerFollowUp(answer, issuer),
  };
}

/** The reply as one plain text with its links, as the `ask` command and plain channels show it. */
export function replyAsPlainText(reply: FaqReply): string {
  const links = reply.links.map((link) => `${link.title}: ${link.url}`);
  return [reply.text, ...(links.length ? [links.join('\n')] : [])].join('\n\n');
}
