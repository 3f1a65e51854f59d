/**
 * 「一覧」: every FAQ topic of data/answers.json as a button that asks its canonical question,
 * and the topics (title and question by intent id) the answer card uses for its candidates.
 */
import { FAQ_INTENTS, type KnowledgeBase } from '../../nlu';
import { type AdaptiveCard, adaptiveCard, buttonList, heading, textBlock } from './adaptive-card';
import type { Topic } from './answer-card';
import { askAction } from './ask-action';

/** Every answer that has a canonical question (all but `none`), by intent id, in data order. */
export function topicsOf(knowledgeBase: KnowledgeBase): ReadonlyMap<string, Topic> {
  const topics = new Map<string, Topic>();
  for (const answer of knowledgeBase.answers.values()) {
    if (answer.question) topics.set(answer.intent, { title: answer.title, question: answer.question });
  }
  return topics;
}

/** The FAQ topics proper (not greetings, thanks or help), in the order of FAQ_INTENTS. */
export function topicListCard(topics: ReadonlyMap<string, Topic>): AdaptiveCard {
  const faqTopics = FAQ_INTENTS.flatMap((intent) => {
    const topic = topics.get(intent);
    return topic ? [topic] : [];
  });
  const title = `FAQの項目一覧（${faqTopics.length}件）`;
  const fallback = [title, ...faqTopics.map((topic) => `・${topic.title}: ${topic.question}`)].join('\n');
  return adaptiveCard(
    [
      heading(title),
      textBlock('ボタンを押すと、その項目の質問を送り、回答を表示します。', { isSubtle: true }),
      ...buttonList(faqTopics.map((topic) => askAction(topic.title, topic.question))),
    ],
    fallback,
  );
}
