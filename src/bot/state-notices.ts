/**
 * What the bot logs when a conversation's state cannot be used. A client can cause it on every
 * message (an activity without a conversation id: its mistake, logged at warn), and so can an
 * outage of the shared store (an error): either way at most a few lines a minute per kind, with
 * the count of those left out, so no one can flood the log.
 */
import type { Activity } from 'botbuilder';
import { describeError, type Logger, rateLimited } from '../logger';

const limitedFor = new WeakMap<Logger, Logger>();

function limited(logger: Logger): Logger {
  let notices = limitedFor.get(logger);
  if (!notices) {
    notices = rateLimited(logger);
    limitedFor.set(logger, notices);
  }
  return notices;
}

/** The state could not be read: the message is answered on its own. */
export function logStateUnavailable(logger: Logger, activity: Partial<Activity>, error: unknown): void {
  const channel = activity.channelId;
  if (!activity.conversation?.id) {
    limited(logger).warn('Message without a conversation id; answered on its own', { channel });
    return;
  }
  limited(logger).error('Conversation state unavailable; answering this message on its own', {
    ...describeError(error),
    channel,
  });
}

/** The state could not be saved: the next message starts a new question. */
export function logStateNotSaved(logger: Logger, activity: Partial<Activity>, error: unknown): void {
  limited(logger).error('Conversation state not saved; the next message starts a new question', {
    ...describeError(error),
    channel: activity.channelId,
  });
}
