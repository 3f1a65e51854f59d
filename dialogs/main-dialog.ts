/**
 * Routes each message: the engine's reply is sent; close intents start the clarification; an
 * answer that sends the user to their card company offers the company's page; every FAQ answer
 * ends with the feedback prompt. Whatever a prompt did not expect is answered as a new question.
 */
import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  type DialogState,
  DialogSet,
  DialogTurnStatus,
  WaterfallDialog,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { clarificationEvent, recordedWording } from '../src/analytics/events';
import type { CardCompany, FaqReply, IntentId, Suggestion } from '../src/nlu';
import { createButtonPrompt } from './button-prompt';
import { CARD_COMPANY_DIALOG, type CardCompanyOptions, createCardCompanyDialog } from './card-company-dialog';
import {
  CLARIFY_DIALOG,
  type ClarifyOptions,
  type ClarifyResult,
  createClarifyDialog,
} from './clarify-dialog';
import { answersFaq, askAndRecord, type FaqServices, messageText, sendReply } from './faq-services';
import { createFeedbackDialog, FEEDBACK_DIALOG, type FeedbackOptions } from './feedback-dialog';

export const MAIN_DIALOG = 'main';
const QUESTION = 'question';

/** What the question's steps keep between turns (stored with the conversation; no personal data). */
interface QuestionValues {
  /** Set while a clarification is open: the card company named, and the question's masked wording. */
  clarifying?: { readonly issuerId: string | null; readonly text: string };
  answered?: { readonly intent: IntentId; readonly offersPage: boolean; readonly related: Suggestion[] };
}

type ChildResult = { readonly kind: string } | undefined;

export class MainDialog extends ComponentDialog {
  constructor(services: FaqServices) {
    super(MAIN_DIALOG);
    const { engine, knowledgeBase, analytics } = services;
    const companyById = new Map(knowledgeBase.cardCompanies.map((company) => [company.id, company]));
    const values = (step: WaterfallStepContext) => step.values as QuestionValues;
    const channelOf = (step: WaterfallStepContext) => step.context.activity.channelId;

    /** Sends an answer; FAQ answers leave their related questions to the feedback prompt. */
    async function answer(step: WaterfallStepContext, reply: FaqReply): Promise<void> {
      const followedByPrompt = answersFaq(reply);
      await sendReply(step.context, reply, !followedByPrompt);
      if (followedByPrompt) {
        const offersPage = knowledgeBase.answers.get(reply.intent)?.offersCardCompanyPage === true;
        values(step).answered = {
          intent: reply.intent,
          offersPage: offersPage && !reply.issuer,
          related: [...reply.suggestions],
        };
      }
    }

    const askAgain = (step: WaterfallStepContext) => step.replaceDialog(QUESTION);

    this.addDialog(createButtonPrompt())
      .addDialog(createClarifyDialog(knowledgeBase))
      .addDialog(createCardCompanyDialog(services))
      .addDialog(createFeedbackDialog(services))
      .addDialog(
        new WaterfallDialog(QUESTION, [
          async function understandQuestion(step) {
            const text = messageText(step.context.activity);
            const reply = askAndRecord(services, step.context, text);
            if (reply.kind !== 'clarify') {
              await answer(step, reply);
              return step.next();
            }
            // Stored with the conversation (maybe in Azure), so only the masked wording.
            values(step).clarifying = { issuerId: reply.issuer?.id ?? null, text: recordedWording(text) };
            const options: ClarifyOptions = { text: reply.text, choices: reply.suggestions };
            return step.beginDialog(CLARIFY_DIALOG, options);
          },
          async function answerTheChoice(step) {
            const { clarifying } = values(step);
            if (!clarifying) return step.next();
            const choice = step.result as ClarifyResult;
            if (choice.kind === 'newQuestion') return askAgain(step);
            const intent = choice.kind === 'chosen' ? choice.intent : 'none';
            analytics.record(clarificationEvent(channelOf(step), intent, clarifying.text));
            const issuer: CardCompany | null = companyById.get(clarifying.issuerId ?? '') ?? null;
            await answer(step, engine.answerFor(intent, issuer));
            return step.next();
          },
          async function offerCompanyPage(step) {
            const { answered } = values(step);
            if (!answered?.offersPage) return step.next();
            const options: CardCompanyOptions = { related: answered.related };
            return step.beginDialog(CARD_COMPANY_DIALOG, options);
          },
          async function askForFeedback(step) {
            if ((step.result as ChildResult)?.kind === 'newQuestion') return askAgain(step);
            const { answered } = values(step);
            if (!answered) return step.endDialog();
            const options: FeedbackOptions = { intent: answered.intent, related: answered.related };
            return step.beginDialog(FEEDBACK_DIALOG, options);
          },
          async function finish(step) {
            if ((step.result as ChildResult)?.kind === 'newQuestion') return askAgain(step);
            return step.endDialog();
          },
        ]),
      );
    this.initialDialogId = QUESTION;
  }

  /** Runs one turn: continues the open dialog, or starts with the message as a question. */
  async run(context: TurnContext, dialogState: StatePropertyAccessor<DialogState>): Promise<void> {
    const dialogs = new DialogSet(dialogState);
    dialogs.add(this);
    const dialogContext = await dialogs.createContext(context);
    const result = await dialogContext.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dialogContext.beginDialog(this.id);
  }
}
