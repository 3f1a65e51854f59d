/**
 * An engine reply as an Adaptive Card for support staff: the title and the canonical answer,
 * link buttons, the bot's question about it (which topic was meant, whether it helped), the
 * related questions, then what staff need to judge it (the decision, the intent, the
 * confidence, the source section, the card company) and the other close candidates as buttons.
 * Everything shown comes from the reply; the user's text is never echoed.
 */
import type { Button } from '../../bot/bot-message';
import { type FaqReply, type IntentScore, type Link, replyAsPlainText, type ReplyKind } from '../../nlu';
import {
  type AdaptiveCard,
  adaptiveCard,
  buttonList,
  type CardElement,
  heading,
  type OpenUrlAction,
  textBlock,
} from './adaptive-card';
import { askAction } from './ask-action';

export interface Topic {
  readonly title: string;
  readonly question: string;
}

/** More links than this become a list of links in the text instead of buttons. */
const MAX_LINK_BUTTONS = 3;

const DECISIONS: Record<ReplyKind, string> = {
  answer: 'FAQから回答しました',
  clarify: '候補が近いため、どちらか確認しています',
  outOfScope: 'FAQの範囲外です（回答していません）',
  empty: '質問の文字がないため、案内を表示しました',
  tooLong: '長すぎるため、判定していません',
};

const UNSURE: ReadonlySet<ReplyKind> = new Set(['outOfScope', 'tooLong']);

/** Below this a candidate is noise next to an answer (the classifier's posteriors are sharp). */
const MIN_CANDIDATE_BESIDE_ANSWER = 0.01;

function percent(confidence: number): string {
  const rounded = Math.round(confidence * 100);
  return rounded === 0 && confidence > 0 ? '1%未満' : `${rounded}%`;
}

/** Out of scope, the confidence is that of `none`: say so, or 100% would read as a sure answer. */
function confidenceText(reply: FaqReply): string {
  return reply.kind === 'outOfScope'
    ? `${percent(reply.confidence)}（範囲外である確信度）`
    : percent(reply.confidence);
}

function markdownLink(link: Link): string {
  return `- [${link.title.replace(/[[\]]/g, '')}](${link.url})`;
}

function linkElements(links: readonly Link[]): CardElement[] {
  if (links.length === 0) return [];
  if (links.length > MAX_LINK_BUTTONS) return [textBlock(links.map(markdownLink).join('\n'))];
  const actions = links.map((link): OpenUrlAction => ({
    type: 'Action.OpenUrl',
    title: link.title,
    url: link.url,
  }));
  return [{ type: 'ActionSet', actions }];
}

function facts(reply: FaqReply): { title: string; value: string }[] {
  const scored = reply.kind !== 'empty' && reply.kind !== 'tooLong';
  return [
    { title: '判定', value: DECISIONS[reply.kind] },
    { title: '意図', value: reply.intent === 'none' ? 'none（FAQの範囲外）' : reply.intent },
    { title: '確信度', value: scored ? confidenceText(reply) : '—' },
    { title: '出典', value: reply.section || '—' },
    ...(reply.issuer ? [{ title: 'カード会社', value: reply.issuer.name }] : []),
  ];
}

/**
 * Candidates worth a button: askable, not the answer itself, not a choice already offered.
 * Out of scope, even faint ones are shown: they are the nearest topics staff may check.
 */
function otherCandidates(reply: FaqReply, topicOf: (score: IntentScore) => Topic | undefined) {
  const offered = new Set(reply.suggestions.map((suggestion) => suggestion.intent));
  return reply.candidates.flatMap((candidate) => {
    const topic = topicOf(candidate);
    if (!topic) return [];
    if (reply.kind === 'answer' && candidate.intent === reply.intent) return [];
    if (reply.kind === 'answer' && candidate.confidence < MIN_CANDIDATE_BESIDE_ANSWER) return [];
    if (reply.kind === 'clarify' && offered.has(candidate.intent)) return [];
    return [askAction(`${topic.title}（${percent(candidate.confidence)}）`, topic.question)];
  });
}

function staffElements(
  reply: FaqReply,
  topicOf: (score: IntentScore) => Topic | undefined,
  askButtons: boolean,
): CardElement {
  const candidates = askButtons ? otherCandidates(reply, topicOf) : [];
  return {
    type: 'Container',
    style: 'emphasis',
    separator: true,
    spacing: 'Medium',
    items: [
      textBlock('スタッフ向け情報', { weight: 'Bolder', isSubtle: true }),
      { type: 'FactSet', facts: facts(reply) },
      ...(candidates.length
        ? [textBlock('近い候補（確信度）', { weight: 'Bolder', isSubtle: true }), ...buttonList(candidates)]
        : []),
    ],
  };
}

export interface CardParts {
  /** Buttons that ask the related questions. */
  readonly related: readonly Button[];
  /** The bot's question about this reply: the clarification's choices, the feedback question. */
  readonly followUp?: readonly CardElement[];
  /** Whether the close candidates are buttons that ask the bot (not outside the bot's own chat). */
  readonly askButtons?: boolean;
}

/** `topics` maps intent ids to their title and canonical question (those without one are left out). */
export function answerCard(
  reply: FaqReply,
  topics: ReadonlyMap<string, Topic>,
  { related, followUp = [], askButtons = true }: CardParts,
): AdaptiveCard {
  const topicOf = (score: IntentScore) => topics.get(score.intent);
  const body: CardElement[] = [
    heading(reply.title, UNSURE.has(reply.kind) ? { color: 'Attention' } : {}),
    textBlock(reply.text.split(/\n+/).join('\n\n')),
    ...linkElements(reply.links),
    ...followUp,
    ...(related.length ? [textBlock('関連するご質問', { weight: 'Bolder', spacing: 'Medium' })] : []),
    ...buttonList(related.map((button) => askAction(button.title, button.sends))),
    staffElements(reply, topicOf, askButtons),
  ];
  return adaptiveCard(body, replyAsPlainText(reply));
}

/**
 * The answer card for another conversation (a search result staff insert into a chat): the
 * same card without the buttons that send a question to the bot, which only work in the bot's
 * own chat. Its links (the card company's page) stay.
 */
export function insertedAnswerCard(reply: FaqReply, topics: ReadonlyMap<string, Topic>): AdaptiveCard {
  return answerCard(reply, topics, { related: [], askButtons: false });
}
