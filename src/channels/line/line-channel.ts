/**
 * The LINE channel: registers POST /api/line when LINE is configured and answers each event of
 * a webhook on its own (one failing never holds up the others): event → activity → the same
 * bot as /api/messages → LINE messages → one reply with the event's reply token.
 */
import { messagingApi } from '@line/bot-sdk';
import type { ActivityHandler } from 'botbuilder';
import type restify from 'restify';
import type { LineSettings } from '../../config';
import { describeError, type Logger, rateLimited } from '../../logger';
import { allowBody } from '../../server/request-body';
import type { BotHost } from '../../server/http-server';
import { activityFromEvent, type LineEvent } from './line-activity';
import { LineAdapter } from './line-adapter';
import { renderForLine } from './line-render';
import { createReplySender, type ReplyOptions } from './line-reply';
import { LINE_WEBHOOK_PATH, lineWebhook, type LineWebhookBody, MAX_LINE_BODY_BYTES } from './line-webhook';
import { createSeenEvents, type SeenEventsOptions } from './seen-events';

export interface LineChannelOptions {
  /** From config.line; undefined turns the channel off (and /api/line answers 404). */
  readonly settings: LineSettings | undefined;
  readonly host: BotHost;
  readonly logger: Logger;
  /** What the user gets when the bot fails inside a turn. */
  readonly apology: string;
  readonly reply?: Partial<ReplyOptions>;
  readonly seenEvents?: Partial<SeenEventsOptions>;
}

/** What the log may say about an event: its kind and LINE's opaque id, never who sent what. */
function eventFields(event: LineEvent) {
  return { eventType: event.type, messageType: event.message?.type, webhookEventId: event.webhookEventId };
}

export interface LineChannel {
  /** Events being answered now (a reply on its way to LINE, or waiting for a retry). */
  readonly inFlight: number;
  /** Resolves when every event received so far has been answered (or has failed). */
  settled(): Promise<void>;
}

export function registerLineChannel(
  server: restify.Server,
  options: LineChannelOptions,
): LineChannel | undefined {
  const { settings, host, logger } = options;
  if (!settings) {
    logger.info('LINE channel off: LINE_CHANNEL_SECRET and LINE_CHANNEL_ACCESS_TOKEN are not set');
    return undefined;
  }
  const answering = new Set<Promise<void>>();
  const client = new messagingApi.MessagingApiClient({
    channelAccessToken: settings.channelAccessToken,
    baseURL: settings.apiBaseUrl,
  });
  const sendReply = createReplySender(client, logger, options.reply);
  const adapter = new LineAdapter(logger, options.apology);
  const seenEvents = createSeenEvents(options.seenEvents);

  async function answer(event: LineEvent, botUserId: string, bot: ActivityHandler): Promise<void> {
    const activity = activityFromEvent(event, botUserId);
    if (!activity || !event.replyToken) {
      logger.info('LINE event ignored', eventFields(event));
      return;
    }
    const sent = await adapter.runTurn(activity, (context) => bot.run(context));
    const messages = renderForLine(sent);
    if (messages.length === 0) {
      logger.info('LINE event needs no reply', eventFields(event));
      return;
    }
    const outcome = await sendReply(event.replyToken, messages);
    if (outcome.sent) {
      logger.info('LINE event answered', {
        ...eventFields(event),
        messages: messages.length,
        requestId: outcome.requestId,
      });
    }
  }

  function receive({ destination, events }: LineWebhookBody, bot: ActivityHandler): void {
    for (const event of events) {
      if (event.webhookEventId && seenEvents.checkAndRemember(event.webhookEventId)) {
        logger.info('LINE event skipped: already received', {
          ...eventFields(event),
          isRedelivery: event.deliveryContext?.isRedelivery === true,
        });
        continue;
      }
      const answered: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
        .then(() => answer(event, destination, bot))
        .catch((error: unknown) =>
          logger.error('LINE event failed', { ...eventFields(event), ...describeError(error) }),
        )
        .finally(() => answering.delete(answered));
      answering.add(answered);
    }
  }

  allowBody(server, 'POST', LINE_WEBHOOK_PATH, { maxBytes: MAX_LINE_BODY_BYTES });
  server.post(
    LINE_WEBHOOK_PATH,
    lineWebhook({ channelSecret: settings.channelSecret, host, notices: rateLimited(logger), receive }),
  );
  logger.info('LINE channel on', { webhook: LINE_WEBHOOK_PATH, apiBaseUrl: settings.apiBaseUrl });
  return {
    get inFlight() {
      return answering.size;
    },
    async settled() {
      while (answering.size > 0) await Promise.allSettled([...answering]);
    },
  };
}
