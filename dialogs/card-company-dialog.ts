/**
 * After an answer that sends the user to their card company: offers that company's 3-D Secure
 * page. The buttons are the international brands (printed on every card), the full list, and
 * 「不要です」; a typed company name is a new question, which the engine answers with its page.
 */
import { WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Suggestion } from '../src/nlu';
import { pressed, promptWithButtons, questionButton } from './button-prompt';
import { type FaqServices, sendReply } from './faq-services';

export const CARD_COMPANY_DIALOG = 'cardCompany';

export interface CardCompanyOptions {
  /** The answer's related questions, shown as more buttons (pressing one is a new question). */
  readonly related: readonly Suggestion[];
}

/** Ends with `done`, or `newQuestion` when the user asked something else. */
export type CardCompanyResult = { readonly kind: 'done' | 'newQuestion' };

const ALL_COMPANIES = 'list';
const DECLINE = 'decline';

export function createCardCompanyDialog({ engine, knowledgeBase }: FaqServices): WaterfallDialog {
  const { replies, cardCompanies } = knowledgeBase;
  const buttons = [
    ...cardCompanies
      .filter((company) => company.kind === 'brand')
      .map((brand) => ({ title: brand.name, value: brand.id })),
    { title: replies.cardCompanyList, value: ALL_COMPANIES },
    { title: replies.cardCompanyDecline, value: DECLINE },
  ];

  return new WaterfallDialog(CARD_COMPANY_DIALOG, [
    async function offerCompanyPage(step: WaterfallStepContext) {
      const { related } = step.options as CardCompanyOptions;
      return promptWithButtons(step, replies.cardCompanyPrompt, buttons, related.map(questionButton));
    },
    async function showCompanyPage(step: WaterfallStepContext) {
      const value = pressed(step);
      if (value === undefined) return step.endDialog({ kind: 'newQuestion' } satisfies CardCompanyResult);
      if (value !== DECLINE) {
        const company = cardCompanies.find((candidate) => candidate.id === value) ?? null;
        await sendReply(step.context, engine.answerFor('issuer_links', company), false);
      }
      return step.endDialog({ kind: 'done' } satisfies CardCompanyResult);
    },
  ]);
}
