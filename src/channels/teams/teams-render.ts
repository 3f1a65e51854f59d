/**
 * The bot's messages as Adaptive Cards for Teams: one card per reply or note, with the bot's
 * question about it on the same card (the clarification's choices, 「この回答は役に立ちましたか？」
 * with はい and いいえ, the card companies as a drop-down). Each answer button carries the question
 * it answers, so it works on an older card or when a colleague pressed another in between.
 */
import type { Activity } from 'botbuilder';
import type { BotMessage, Button, NoteMessage, QuestionMessage } from '../../bot/bot-message';
import {
  type AdaptiveCard,
  adaptiveCard,
  buttonList,
  buttonRow,
  type CardElement,
  cardActivity,
  textBlock,
} from './adaptive-card';
import { answerCard, type Topic } from './answer-card';
import { answerAction, askAction, CHOICE_FIELD, submitChoiceAction } from './ask-action';

/** Buttons this short fit side by side. */
const SHORT_TITLE = 6;

/** The question's own part of a card: its text (unless the card's text is the question), choices, more buttons. */
function questionElements(question: QuestionMessage, withText: boolean): CardElement[] {
  const answer = (button: Button) => answerAction(button.title, button.sends, question.followUp);
  const text = withText ? [textBlock(question.text, { weight: 'Bolder', spacing: 'Medium' })] : [];
  if (question.layout === 'list') {
    return [
      ...text,
      {
        type: 'Input.ChoiceSet',
        id: CHOICE_FIELD,
        label: 'カード会社',
        placeholder: '選択してください',
        isRequired: true,
        errorMessage: 'カード会社を選択してください。',
        choices: question.choices.map((choice, index) => ({ title: choice.title, value: String(index + 1) })),
      },
      buttonRow([submitChoiceAction('ページを表示', question.followUp), ...question.more.map(answer)]),
      ...(question.note ? [textBlock(question.note, { isSubtle: true, size: 'Small' })] : []),
    ];
  }
  const choices = question.choices.map(answer);
  const short = question.choices.every((choice) => [...choice.title].length <= SHORT_TITLE);
  return [...text, ...(short ? [buttonRow(choices)] : buttonList(choices))];
}

/** The related questions of a question in button layout (those of a list are its answers). */
function relatedOf(question: QuestionMessage | undefined): readonly Button[] {
  return question?.layout === 'buttons' ? question.more : [];
}

function noteCard(note: NoteMessage, question: QuestionMessage | undefined): AdaptiveCard {
  const links = note.links.map((link) => `- [${link.title.replace(/[[\]]/g, '')}](${link.url})`);
  const body: CardElement[] = [
    textBlock([note.text, ...links].join('\n\n')),
    ...(question ? questionElements(question, true) : []),
    ...buttonList([...note.buttons, ...relatedOf(question)].map((b) => askAction(b.title, b.sends))),
  ];
  return adaptiveCard(body, note.text);
}

function questionCard(question: QuestionMessage, topics: ReadonlyMap<string, Topic>): AdaptiveCard {
  if (question.about) {
    return answerCard(question.about, topics, { related: [], followUp: questionElements(question, false) });
  }
  const related = relatedOf(question).map((button) => askAction(button.title, button.sends));
  return adaptiveCard([...questionElements(question, true), ...buttonList(related)], question.text);
}

function summaryOf(message: BotMessage): string {
  return message.kind === 'reply' ? message.reply.title : message.text.split('\n')[0]!;
}

export function renderForTeams(
  messages: readonly BotMessage[],
  topics: ReadonlyMap<string, Topic>,
): Partial<Activity>[] {
  const activities: Partial<Activity>[] = [];
  for (let i = 0; i < messages.length; i++) {
    const message = messages[i]!;
    const next = messages[i + 1];
    const question = message.kind !== 'question' && next?.kind === 'question' ? next : undefined;
    if (question) i++;
    const card =
      message.kind === 'reply'
        ? answerCard(message.reply, topics, {
            related: question ? relatedOf(question) : message.buttons,
            followUp: question ? questionElements(question, true) : [],
          })
        : message.kind === 'note'
          ? noteCard(message, question)
          : questionCard(message, topics);
    activities.push(cardActivity(card, summaryOf(message)));
  }
  return activities;
}
