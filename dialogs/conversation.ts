/**
 * The conversation's main flow, as an explicit state machine over one small record (the bot's
 * open question). Each message is read against that question first; a message that does not
 * answer it is a new question for the engine, and the open question is dropped, so nobody is
 * trapped. After the engine's reply, what follows it is decided here, once: the clarification,
 * the company's choice, the offer of the company's page (once a conversation, where the channel
 * offers it), or the feedback question.
 */
import { questionEvent, recordedWording } from '../src/analytics/events';
import type { BotMessage } from '../src/bot/bot-message';
import { type FaqReply, isFaqIntent } from '../src/nlu';
import { readAnswer } from './answer-words';
import { answerCardCompanyChoice, answerCardCompanyOffer } from './card-company-flow';
import { answerClarify } from './clarify-flow';
import { answerFeedback } from './feedback-flow';
import type { ConversationState, PendingFollowUp } from './follow-up';
import {
  type Answer,
  type ConversationServices,
  type FlowContext,
  noteMessage,
  saysOneOf,
  type Turn,
} from './flow-context';
import { createQuestions, pickedButton, suggestionButton } from './questions';

/** What this message's channel allows: Teams staff are not offered the company's page. */
export interface ChannelPolicy {
  readonly channel: string;
  readonly offersCardCompany: boolean;
  /** False when the conversation cannot be remembered (storage down): no question is asked. */
  readonly canAsk: boolean;
}

export interface Conversation {
  /** One message of the conversation, given what it remembers; the state after it comes with the reply. */
  respond(text: string, state: ConversationState, policy: ChannelPolicy): Turn;
  /** The welcome message for a new member. */
  welcome(): readonly BotMessage[];
}

/** The greeting question: its answer is the welcome, with the topics as buttons. */
const WELCOME_QUESTION = 'こんにちは';

export function createConversation(services: ConversationServices): Conversation {
  const { engine, knowledgeBase, analytics } = services;
  const { replies } = knowledgeBase;
  const questions = createQuestions(knowledgeBase);

  function replyMessages(reply: FaqReply): readonly BotMessage[] {
    return [{ kind: 'reply', reply, buttons: reply.suggestions.map(suggestionButton) }];
  }

  function followUpAfter(reply: FaqReply, text: string, state: ConversationState, policy: ChannelPolicy) {
    const { question, feedback } = reply.followUp;
    if (!policy.canAsk) return null;
    if (question === 'clarify') {
      const choices = reply.suggestions.map((suggestion) => suggestion.intent);
      // Stored with the conversation (maybe in Azure), so only the masked wording.
      return {
        kind: 'clarify',
        choices,
        issuer: reply.issuer?.id ?? null,
        wording: recordedWording(text),
      } as const;
    }
    if (!isFaqIntent(reply.intent)) return null;
    const { intent } = reply;
    if (question === 'cardCompanyChoice') return { kind: 'cardCompanyChoice', intent } as const;
    if (question === 'cardCompanyOffer' && policy.offersCardCompany && !state.companyOffered) {
      return { kind: 'cardCompanyOffer', intent } as const;
    }
    return feedback ? ({ kind: 'feedback', intent } as const) : null;
  }

  function context(
    text: string,
    state: ConversationState,
    policy: ChannelPolicy,
    answer: Answer,
  ): FlowContext {
    const stateAfter = (pending: PendingFollowUp | null, companyShown = false): ConversationState => ({
      pending,
      companyOffered:
        state.companyOffered ||
        companyShown ||
        pending?.kind === 'cardCompanyOffer' ||
        pending?.kind === 'cardCompanyChoice',
    });
    const self: FlowContext = {
      services,
      questions,
      state,
      channel: policy.channel,
      answer,
      newQuestion(question) {
        const reply = engine.ask(question);
        analytics.record(questionEvent(policy.channel, question, reply));
        return afterReply(reply, question);
      },
      afterReply: (reply) => afterReply(reply, text),
      askNext(followUp, before = [], options) {
        return {
          messages: [...before, questions.ask(followUp, options)],
          state: stateAfter(
            followUp,
            before.some((message) => message.kind === 'reply' && message.reply.issuer),
          ),
        };
      },
      close(before) {
        return { messages: before, state: stateAfter(null) };
      },
    };

    function afterReply(reply: FaqReply, wording: string): Turn {
      const pending = followUpAfter(reply, wording, state, policy);
      const companyShown = reply.kind === 'answer' && reply.issuer !== null;
      if (!pending) return { messages: replyMessages(reply), state: stateAfter(null, companyShown) };
      if (pending.kind === 'clarify') {
        return { messages: [questions.ask(pending, { about: reply })], state: stateAfter(pending) };
      }
      const answerFirst: BotMessage = { kind: 'reply', reply, buttons: [] };
      return { messages: [answerFirst, questions.ask(pending)], state: stateAfter(pending, companyShown) };
    }
    return self;
  }

  /** A reply to the open question, or undefined when the message is not one. */
  function answerPending(pending: PendingFollowUp, flow: FlowContext): Turn | undefined {
    switch (pending.kind) {
      case 'clarify':
        return answerClarify(pending, flow);
      case 'cardCompanyOffer':
        return answerCardCompanyOffer(pending, flow);
      case 'cardCompanyChoice':
        return answerCardCompanyChoice(pending, flow);
      case 'feedback':
        return answerFeedback(pending, flow);
    }
  }

  /** 「はい」, 「2」 or 「わからない」 when the bot asked nothing (or its question expired). */
  function withNothingAsked(flow: FlowContext): Turn | undefined {
    const { reading, word } = flow.answer;
    if (!reading) return undefined;
    const topics = { buttons: questions.topics };
    if (word === undefined) return flow.close([noteMessage(replies.answerAgain, topics)]);
    switch (word) {
      case 'yes':
      case 'no':
      case 'noThanks':
      case 'okay':
        return flow.close([noteMessage(`${replies.acknowledged}${replies.nothingAsked}`, topics)]);
      case 'unhelpful':
        return flow.close([noteMessage(replies.noneOfTheseReply, topics)]);
      case 'noneOfThese':
      case 'dontKnow':
        return flow.close(replyMessages(engine.answerFor('help')));
      default:
        return undefined; // thanks: the engine answers them
    }
  }

  return {
    respond(text, state, policy) {
      const reading = readAnswer(text);
      const word = reading && 'word' in reading ? reading.word : undefined;
      const { pending } = state;
      const question = pending ? questions.ask(pending) : undefined;
      const picked = question ? pickedButton(question, text, reading) : undefined;
      const flow = context(text, state, policy, { text, reading, word, picked });
      if (
        question &&
        picked !== undefined &&
        question.layout === 'buttons' &&
        picked >= question.choices.length
      ) {
        // A related question, pressed or by its number: asked as it is written on the button.
        return flow.newQuestion(question.more[picked - question.choices.length]!.sends);
      }
      if (!pending) return withNothingAsked(flow) ?? flow.newQuestion(text);
      const answered = answerPending(pending, flow);
      if (answered) return answered;
      if (reading && !saysOneOf(flow.answer, 'thanks', 'helpful')) {
        // 「はい」 to 「どちらのご質問ですか」, a number beyond the buttons: the question again.
        return flow.askNext(pending, [], { prefix: replies.answerAgain });
      }
      return flow.newQuestion(text);
    },
    welcome() {
      return replyMessages(engine.ask(WELCOME_QUESTION));
    },
  };
}
