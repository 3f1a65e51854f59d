/**
 * The search message extension: staff open 「FAQを検索」 from the compose box (or the command
 * box), type a few words and insert an answer into any conversation. Teams sends each search as
 * a `composeExtension/query` invoke and shows the list of previews the bot returns (title,
 * intent, confidence); the answer card is what is inserted. Without words (`initialRun`, when
 * the search opens) the list holds the main topics. Anything else is a short text, which Teams
 * shows in place of the list. The words searched for are never echoed.
 */
import { CardFactory, type MessagingExtensionAttachment, type MessagingExtensionResponse } from 'botbuilder';
import type { ChannelSearch } from '../../bot/channel';
import type { FaqReply, FaqSearch } from '../../nlu';
import { insertedAnswerCard, type Topic } from './answer-card';

/**
 * The search command's parameter, as named in appPackage/manifest.template.json. When the search
 * opens (the manifest's `initialRun`), Teams sends the parameter `initialRun` instead: no words.
 */
export const SEARCH_PARAMETER = 'keywords';

export const SEARCH_MESSAGES = {
  outOfScope:
    'FAQに該当する回答が見つかりませんでした。FAQの範囲外のご質問には、このボットではお答えできません。別の言葉でもお試しください。',
  tooLong: '検索する言葉が長すぎます。短い言葉で検索してください。',
  cardNumber:
    'カード番号と思われる数字が含まれているため、検索していません。安全のため、カード番号は入力しないでください。',
  failed: 'ただいま検索できません。しばらくしてから、もう一度お試しください。',
} as const;

interface QueryParameter {
  readonly name?: unknown;
  readonly value?: unknown;
}

export function readSearchWords(query: unknown): string {
  const parameters = (query as { parameters?: unknown } | null)?.parameters;
  if (!Array.isArray(parameters)) return '';
  const words = (parameters as QueryParameter[]).find((p) => p?.name === SEARCH_PARAMETER)?.value;
  return typeof words === 'string' ? words : '';
}

/** 0.936 → 「確信度 0.94」: the card's 確信度 (94%) as a number, the way staff compare a list. */
export function confidenceLabel(confidence: number): string {
  return `確信度 ${(Math.round(confidence * 100) / 100).toFixed(2)}`;
}

function previewText(reply: FaqReply, kind: 'matches' | 'topics'): string {
  const judged = kind === 'matches' ? confidenceLabel(reply.confidence) : '主な項目';
  return `${judged} ・ 意図 ${reply.intent}`;
}

function message(text: string): MessagingExtensionResponse {
  return { composeExtension: { type: 'message', text } };
}

export function searchResponse(
  search: FaqSearch,
  topics: ReadonlyMap<string, Topic>,
): MessagingExtensionResponse {
  if (search.kind !== 'matches' && search.kind !== 'topics') return message(SEARCH_MESSAGES[search.kind]);
  const attachments = search.answers.map((reply): MessagingExtensionAttachment => ({
    ...CardFactory.adaptiveCard(insertedAnswerCard(reply, topics)),
    preview: CardFactory.thumbnailCard(reply.title, previewText(reply, search.kind)),
  }));
  return { composeExtension: { type: 'result', attachmentLayout: 'list', attachments } };
}

export function createSearchExtension(topics: ReadonlyMap<string, Topic>): ChannelSearch {
  return {
    read: readSearchWords,
    render: (search) => searchResponse(search, topics),
    failed: message(SEARCH_MESSAGES.failed),
  };
}
