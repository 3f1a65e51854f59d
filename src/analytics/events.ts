/** Builds analytics events from the engine's replies, masking the only text they keep. */
import { type FaqReply, firstCharacters, type IntentId, maskPersonalData } from '../nlu';
import type { ClarificationEvent, FeedbackEvent, QuestionEvent, QuestionOutcome } from './analytics-event';

/** Enough of an unanswered question to group it with others; longer text is cut. */
export const MAX_RECORDED_TEXT = 200;

const OUTCOME: Record<FaqReply['kind'], QuestionOutcome> = {
  answer: 'answered',
  clarify: 'clarify',
  outOfScope: 'fallback',
  empty: 'help',
  tooLong: 'tooLong',
};

/** The wording as the report may show it: card numbers, e-mail addresses and phone numbers masked. */
export function recordedWording(text: string): string {
  // Masked before it is cut, so no cut can leave part of a number unmasked; cut by characters,
  // so no emoji is cut in half.
  return firstCharacters(maskPersonalData(text).replace(/\s+/gu, ' ').trim(), MAX_RECORDED_TEXT);
}

export function questionEvent(
  channel: string,
  text: string,
  reply: FaqReply,
  now = new Date(),
): QuestionEvent {
  const outcome = OUTCOME[reply.kind];
  return {
    time: now,
    channel,
    event: 'question',
    outcome,
    intent: reply.intent,
    confidence: Math.round(reply.confidence * 1000) / 1000,
    ...(reply.issuer ? { issuer: reply.issuer.id } : {}),
    ...(outcome === 'fallback' ? { text: recordedWording(text) } : {}),
  };
}

/** `intent` is the picked one, or `none` for 「どれでもない」 (then `text` is the original question). */
export function clarificationEvent(
  channel: string,
  intent: IntentId,
  text: string,
  now = new Date(),
): ClarificationEvent {
  return {
    time: now,
    channel,
    event: 'clarification',
    intent,
    ...(intent === 'none' ? { text: recordedWording(text) } : {}),
  };
}

export function feedbackEvent(
  channel: string,
  intent: IntentId,
  helpful: boolean,
  now = new Date(),
): FeedbackEvent {
  return { time: now, channel, event: 'feedback', intent, helpful };
}
