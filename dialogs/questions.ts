/**
 * The bot's questions, each defined once: its text, its choices in order and its other buttons,
 * all from data/answers.json and data/card-companies.json. The same definition renders the
 * question and reads the reply to it, so a typed 「2」 is always the second button shown.
 */
import type { Button, Choice, QuestionMessage } from '../src/bot/bot-message';
import { numberedButtons } from '../src/bot/bot-message';
import type { CardCompany, FaqReply, IntentId, KnowledgeBase, Suggestion } from '../src/nlu';
import { foldAnswer, pressesButton, type Reading } from './answer-words';
import type { PendingFollowUp } from './follow-up';

export interface AskOptions {
  /** Said before the question (「承知しました。」, or that the reply did not answer it). */
  readonly prefix?: string;
  /** The engine's reply the question is (a clarification): its text, with any warning, and its facts. */
  readonly about?: FaqReply;
}

export interface Questions {
  ask(followUp: PendingFollowUp, options?: AskOptions): QuestionMessage;
  /** The FAQ topics as buttons, after a note that invites another question. */
  readonly topics: readonly Button[];
  /** The related questions of an answer, as buttons. */
  related(intent: IntentId): readonly Button[];
  /** The card companies in the order the list numbers them. */
  readonly companies: readonly CardCompany[];
}

export function suggestionButton(suggestion: Suggestion): Button {
  return { title: suggestion.title, label: suggestion.label, sends: suggestion.question };
}

export function createQuestions(knowledgeBase: KnowledgeBase): Questions {
  const { replies, answers, cardCompanies } = knowledgeBase;
  const answerOf = (intent: IntentId) => {
    const answer = answers.get(intent);
    if (!answer) throw new Error(`Error at questions: no answer for intent ${intent}`);
    return answer;
  };
  const button = (text: string): Button => ({ title: text, label: text, sends: text });
  const relatedByIntent = new Map<IntentId, readonly Button[]>();
  const related = (intent: IntentId): readonly Button[] => {
    let buttons = relatedByIntent.get(intent);
    if (!buttons) {
      buttons = answerOf(intent).next.map((next) => suggestionButton(answerOf(next)));
      relatedByIntent.set(intent, buttons);
    }
    return buttons;
  };
  const yesNo = [button(replies.yes), button(replies.no)];
  const companyChoices: Choice[] = cardCompanies.map((company) => ({
    title: company.serviceName ? `${company.name}「${company.serviceName}」` : company.name,
    label: company.name,
    sends: company.name,
    group: company.kind === 'issuer' ? replies.cardCompanyIssuers : replies.cardCompanyBrands,
  }));
  const withPrefix = (text: string, prefix?: string) => (prefix ? `${prefix}\n${text}` : text);

  /** Most questions depend only on their kind and topic: each is built once. */
  const asked = new Map<string, QuestionMessage>();
  function askOnce(followUp: PendingFollowUp, options?: AskOptions): QuestionMessage {
    if (followUp.kind === 'clarify' || options?.prefix || options?.about) return build(followUp, options);
    const key = `${followUp.kind}/${followUp.intent}`;
    let question = asked.get(key);
    if (!question) {
      question = build(followUp);
      asked.set(key, question);
    }
    return question;
  }

  function build(followUp: PendingFollowUp, { prefix, about }: AskOptions = {}): QuestionMessage {
    const common = { followUp, ...(about ? { about } : {}) };
    switch (followUp.kind) {
      case 'clarify':
        return {
          ...common,
          kind: 'question',
          text: withPrefix(about?.text ?? replies.clarify, prefix),
          choices: [
            ...followUp.choices.map((intent) => suggestionButton(answerOf(intent))),
            button(replies.noneOfThese),
          ],
          layout: 'buttons',
          more: [],
        };
      case 'cardCompanyOffer':
        return {
          ...common,
          kind: 'question',
          text: withPrefix(replies.cardCompanyOffer, prefix),
          choices: yesNo,
          layout: 'buttons',
          more: related(followUp.intent),
        };
      case 'cardCompanyChoice':
        return {
          ...common,
          kind: 'question',
          text: withPrefix(replies.cardCompanyChoice, prefix),
          choices: companyChoices,
          layout: 'list',
          more: [button(replies.cardCompanyUnknown), button(replies.cardCompanyDecline)],
          note: replies.issuerListNote.replace('{asOf}', knowledgeBase.cardCompaniesAsOf),
        };
      case 'feedback':
        return {
          ...common,
          kind: 'question',
          text: withPrefix(replies.feedbackPrompt, prefix),
          choices: yesNo,
          layout: 'buttons',
          more: related(followUp.intent),
        };
    }
  }

  return { ask: askOnce, topics: related('help'), related, companies: cardCompanies };
}

/**
 * The button a reply picks, by its place among the numbered buttons: the button's own text
 * (pressed, or typed), or its number. Undefined when it picks none.
 */
export function pickedButton(
  question: QuestionMessage,
  text: string,
  reading: Reading | undefined,
): number | undefined {
  const buttons = numberedButtons(question);
  const folded = foldAnswer(text);
  const pressed = buttons.findIndex((button) => pressesButton(folded, button.sends));
  if (pressed >= 0) return pressed;
  if (question.layout === 'list') {
    const other = question.more.findIndex((button) => pressesButton(folded, button.sends));
    if (other >= 0) return buttons.length + other;
  }
  if (reading && 'number' in reading && reading.number <= buttons.length) return reading.number - 1;
  return undefined;
}
