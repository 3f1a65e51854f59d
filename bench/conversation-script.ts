/**
 * The traffic the benchmarks send, as the i-th message of a stream: either every message starts
 * a new conversation, or conversations of 10 messages where people answer the bot's questions
 * (「はい」 to the offer, a company's nickname, a rating, a button's number, 「いいえ」, thanks)
 * between questions; a new conversation starts every 10 messages. The same stream goes to the
 * FAQ bot and to the echo bot.
 */

/** A Bot Framework message activity of conversation `conversation`. */
export function messageActivity(conversation: string, text: string): Record<string, unknown> {
  return {
    type: 'message',
    channelId: 'emulator',
    serviceUrl: 'http://127.0.0.1:9',
    from: { id: `user-${conversation}`, name: 'user' },
    recipient: { id: 'bot', name: 'bot' },
    conversation: { id: conversation, isGroup: false, conversationType: 'personal', name: '' },
    locale: 'ja-JP',
    text,
  };
}

export type MessageAt = (i: number) => Record<string, unknown>;

export type TrafficShape = 'fresh' | 'ten';

/** The ten messages of a conversation: a question where undefined, otherwise this reply to the bot. */
const CONVERSATION: readonly (string | undefined)[] = [
  undefined,
  'はい',
  '楽天',
  'はい',
  undefined,
  '1',
  undefined,
  'いいえ',
  undefined,
  'ありがとうございました',
];
const QUESTIONS_PER_CONVERSATION = CONVERSATION.filter((step) => step === undefined).length;

/** Every message a new conversation, cycling through the questions. */
export function freshConversations(questions: readonly string[], prefix = 'fresh'): MessageAt {
  return (i) => messageActivity(`${prefix}-${i}`, questions[i % questions.length]!);
}

/**
 * Conversations of 10 messages, 4 questions each (cycling through all of them) and 6 replies to
 * the bot. `width` conversations are under way at once, taking turns, so that messages sent
 * together belong to different conversations, as when many people chat at the same time.
 */
export function tenMessageConversations(questions: readonly string[], prefix = 'ten', width = 50): MessageAt {
  const length = CONVERSATION.length;
  return (i) => {
    const conversation = (i % width) + width * Math.floor(i / (width * length));
    const step = Math.floor(i / width) % length;
    const asked = CONVERSATION.slice(0, step).filter((reply) => reply === undefined).length;
    const question = questions[(conversation * QUESTIONS_PER_CONVERSATION + asked) % questions.length]!;
    return messageActivity(`${prefix}-${conversation}`, CONVERSATION[step] ?? question);
  };
}

export function traffic(shape: TrafficShape, questions: readonly string[], prefix?: string): MessageAt {
  return shape === 'fresh'
    ? freshConversations(questions, prefix)
    : tenMessageConversations(questions, prefix);
}

export const SHAPE_NAMES: Record<TrafficShape, string> = {
  fresh: 'a new conversation per request',
  ten: 'conversations of 10 messages (4 questions, 6 replies to the bot)',
};
