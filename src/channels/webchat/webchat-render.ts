/**
 * The bot's messages as Bot Framework activities for Web Chat (and the Emulator, Direct Line and
 * any other channel without a renderer of its own): Markdown text with its links, a long list of
 * choices as a numbered Markdown list, and the buttons as suggested actions that send their text.
 */
import { ActionTypes, type Activity, ActivityTypes, type CardAction, TextFormatTypes } from 'botbuilder';
import type { BotMessage, Button, Choice, QuestionMessage } from '../../bot/bot-message';
import type { FaqReply, Link } from '../../nlu';

/** Markdown link text must not break on the brackets some titles contain. */
function markdownLink(link: Link): string {
  return `- [${link.title.replace(/[[\]]/g, '')}](${link.url})`;
}

/** Line breaks kept as Markdown hard breaks, links as a list below. */
function markdown(text: string, links: readonly Link[] = []): string {
  const paragraphs = text.split('\n').join('  \n');
  return links.length ? `${paragraphs}\n\n${links.map(markdownLink).join('\n')}` : paragraphs;
}

/**
 * The numbered list of choices, under the heading of each group. The numbers are written out
 * (`20\.`), not left to a Markdown list: Web Chat would start a list after a heading at 1 again,
 * and a typed 「20」 must be the 20th shown.
 */
function markdownList(choices: readonly Choice[]): string {
  const lines: string[] = [];
  choices.forEach((choice, index) => {
    if (choice.group && choice.group !== choices[index - 1]?.group) {
      if (lines.length) lines.push('');
      lines.push(`**${choice.group}**`);
    }
    lines.push(`${index + 1}\\. ${choice.title.replace(/[*_[\]\\]/g, '')}`);
  });
  return lines.join('  \n').replace(/ {2}\n {2}\n/g, '\n\n');
}

function action(button: Button): CardAction {
  return { type: ActionTypes.ImBack, title: button.title, value: button.sends };
}

function activity(text: string, buttons: readonly Button[], expecting: boolean): Partial<Activity> {
  return {
    type: ActivityTypes.Message,
    text,
    textFormat: TextFormatTypes.Markdown,
    locale: 'ja-JP',
    inputHint: expecting ? 'expectingInput' : 'acceptingInput',
    ...(buttons.length ? { suggestedActions: { actions: buttons.map(action), to: [] } } : {}),
  };
}

function questionActivity(question: QuestionMessage): Partial<Activity> {
  if (question.layout === 'buttons') {
    return activity(markdown(question.text), [...question.choices, ...question.more], true);
  }
  const note = question.note ? `\n\n${markdown(question.note)}` : '';
  return activity(
    `${markdown(question.text)}\n\n${markdownList(question.choices)}${note}`,
    question.more,
    true,
  );
}

/**
 * Replies and questions are mostly the same objects again (the engine's answer cache, questions
 * built once): their Markdown is written once. The turn copies each activity before sending it.
 */
const replyTexts = new WeakMap<FaqReply, string>();
const questionActivities = new WeakMap<QuestionMessage, Partial<Activity>>();

function replyText(reply: FaqReply): string {
  let text = replyTexts.get(reply);
  if (text === undefined) {
    text = markdown(reply.text, reply.links);
    replyTexts.set(reply, text);
  }
  return text;
}

export function renderForWebChat(messages: readonly BotMessage[]): Partial<Activity>[] {
  return messages.map((message) => {
    switch (message.kind) {
      case 'reply':
        return activity(replyText(message.reply), message.buttons, false);
      case 'note':
        return activity(markdown(message.text, message.links), message.buttons, false);
      case 'question': {
        let rendered = questionActivities.get(message);
        if (!rendered) {
          rendered = questionActivity(message);
          questionActivities.set(message, rendered);
        }
        return { ...rendered };
      }
    }
  });
}
