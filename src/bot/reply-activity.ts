/**
 * Renders a structured FAQ reply as a Bot Framework message: Markdown text with its links,
 * and the next questions as suggested-action buttons that send the question when pressed.
 */
import { ActionTypes, type Activity, ActivityTypes, type CardAction, TextFormatTypes } from 'botbuilder';
import type { FaqReply, Link } from '../nlu';

/** Markdown link text must not break on the brackets some titles contain. */
function markdownLink(link: Link): string {
  const title = link.title.replace(/[[\]]/g, '');
  return `- [${title}](${link.url})`;
}

export function replyText(reply: FaqReply): string {
  const paragraphs = reply.text.split('\n').join('  \n');
  if (reply.links.length === 0) return paragraphs;
  return `${paragraphs}\n\n${reply.links.map(markdownLink).join('\n')}`;
}

export function replyActivity(reply: FaqReply): Partial<Activity> {
  const actions: CardAction[] = reply.suggestions.map((suggestion) => ({
    type: ActionTypes.ImBack,
    title: suggestion.title,
    value: suggestion.question,
  }));
  return {
    type: ActivityTypes.Message,
    text: replyText(reply),
    textFormat: TextFormatTypes.Markdown,
    locale: 'ja-JP',
    inputHint: 'acceptingInput',
    ...(actions.length ? { suggestedActions: { actions, to: [] } } : {}),
  };
}
