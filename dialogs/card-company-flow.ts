/**
 * The card company's 3-D Secure page, as a careful desk would offer it:
 *
 * - the offer 「ご案内しましょうか？」 (after an answer that sends the user to their card company):
 *   「はい」 asks which company; 「いいえ」 goes on to the feedback question; a company's name or
 *   nickname (「楽天」) shows its page at once; 「わからない」 tells where the contact desk is;
 * - the choice of company, a numbered list (too long for buttons): a number or a name shows that
 *   company's page; 「わからない」, 「一覧にない」 tell where the contact desk is (the back of the
 *   card); 「不要です」 ends it.
 *
 * After the page (or the desk), the answer the offer followed is rated.
 */
import type { CardCompany, FaqIntent } from '../src/nlu';
import { isFaqIntent } from '../src/nlu';
import type { CardCompanyChoiceFollowUp, CardCompanyOfferFollowUp } from './follow-up';
import { type FlowContext, noteMessage, saysOneOf, type Turn } from './flow-context';

/** A company named in reply to the bot's question about it; not when the message asks another question. */
function companyNamed({ services, answer }: FlowContext): CardCompany | null {
  const company = services.engine.cardCompanyIn(answer.text, { expectingCompany: true });
  if (!company) return null;
  const reply = services.engine.ask(answer.text);
  const anotherQuestion =
    reply.kind === 'answer' && isFaqIntent(reply.intent) && reply.intent !== 'issuer_links';
  return anotherQuestion ? null : company;
}

/** The company's page, then whether the answer about `intent` helped. */
function showPage(context: FlowContext, company: CardCompany, intent: FaqIntent): Turn {
  const page = context.services.engine.answerFor('issuer_links', company);
  return context.askNext({ kind: 'feedback', intent }, [{ kind: 'reply', reply: page, buttons: [] }]);
}

/** Where to ask when the company is not in the list or not known, then the feedback question. */
function contactDesk(context: FlowContext, intent: FaqIntent): Turn {
  const note = noteMessage(context.services.knowledgeBase.replies.cardCompanyNotListed);
  return context.askNext({ kind: 'feedback', intent }, [note]);
}

/** No page wanted: the feedback question on the answer the offer followed, if there was one. */
function declined(context: FlowContext, intent: FaqIntent): Turn {
  const { replies } = context.services.knowledgeBase;
  if (intent === 'issuer_links') {
    return context.close([
      noteMessage(`${replies.acknowledged}${replies.nothingAsked}`, { buttons: context.questions.topics }),
    ]);
  }
  return context.askNext({ kind: 'feedback', intent }, [], { prefix: replies.acknowledged });
}

export function answerCardCompanyOffer(
  followUp: CardCompanyOfferFollowUp,
  context: FlowContext,
): Turn | undefined {
  const { answer } = context;
  const { intent } = followUp;
  if (answer.picked === 0 || saysOneOf(answer, 'yes', 'okay')) {
    return context.askNext({ kind: 'cardCompanyChoice', intent });
  }
  if (answer.picked === 1 || saysOneOf(answer, 'no', 'noThanks', 'noneOfThese'))
    return declined(context, intent);
  if (saysOneOf(answer, 'dontKnow')) return contactDesk(context, intent);
  const company = companyNamed(context);
  return company ? showPage(context, company, intent) : undefined;
}

export function answerCardCompanyChoice(
  followUp: CardCompanyChoiceFollowUp,
  context: FlowContext,
): Turn | undefined {
  const { answer, questions } = context;
  const { intent } = followUp;
  const count = questions.companies.length;
  const picked = answer.picked;
  const listed = picked === undefined ? undefined : questions.companies[picked];
  if (listed) return showPage(context, listed, intent);
  if (picked === count || saysOneOf(answer, 'dontKnow', 'noneOfThese')) return contactDesk(context, intent);
  if (picked === count + 1 || saysOneOf(answer, 'no', 'noThanks')) return declined(context, intent);
  const company = companyNamed(context);
  return company ? showPage(context, company, intent) : undefined;
}
