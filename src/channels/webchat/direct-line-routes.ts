/**
 * The local Direct Line 3.0 endpoint: the subset Web Chat's DirectLineJS uses with polling
 * (start or resume a conversation, post an activity, get activities after a watermark,
 * refresh the token). Every call needs the conversation's own token: otherwise 403.
 */
import type { Activity, ActivityHandler } from 'botbuilder';
import type restify from 'restify';
import type { Request, Response } from 'restify';
import type { Logger } from '../../logger';
import { describeError } from '../../logger';
import { firstCharacters, maskPersonalData } from '../../nlu';
import { looksLikeActivity, MAX_BODY_BYTES } from '../../server/http-server';
import { allowBody, jsonBody } from '../../server/request-body';
import { DirectLineAdapter } from './direct-line-adapter';
import { allowCrossOrigin } from './origins';
import type { DirectLineConversation, IssuedToken, LocalDirectLine } from './local-direct-line';

export const DIRECT_LINE_PATH = '/v3/directline';

/** The transcript keeps at most this many characters of a user's message (the bot reads it whole). */
const MAX_ECHO_CHARS = 2000;
const ACTIVITIES_PATH = `${DIRECT_LINE_PATH}/conversations/:conversationId/activities`;

export interface DirectLineRouteOptions {
  readonly directLine: LocalDirectLine;
  /** The bot once it is ready (undefined while starting: 503). */
  readonly bot: () => ActivityHandler | undefined;
  readonly logger: Logger;
  /** Other sites' origins that get CORS headers. */
  readonly allowedOrigins: readonly string[];
  readonly apologize: (adapter: DirectLineAdapter) => void;
  /** How long a poll with nothing new waits for an activity before answering (long polling). */
  readonly pollWaitMs: number;
}

function bearerToken(req: Request): string | undefined {
  const header = req.header('authorization');
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1];
}

/** Direct Line's conversation object (streamUrl is absent: this endpoint polls only). */
function conversationBody(issued: IssuedToken) {
  return { conversationId: issued.conversationId, token: issued.token, expires_in: issued.expiresIn };
}

const stringField = (value: unknown, max: number): string | undefined =>
  typeof value === 'string' ? value.slice(0, max) : undefined;

/** What the bot reads: the client's activity reduced to the fields a turn uses. */
function turnActivity(body: Record<string, unknown>): Partial<Activity> {
  const channelData = (body.channelData ?? {}) as Record<string, unknown>;
  return {
    type: String(body.type),
    text: typeof body.text === 'string' ? body.text : undefined,
    locale: stringField(body.locale, 20),
    name: stringField(body.name, 200),
    channelData: {
      clientActivityID: stringField(channelData.clientActivityID, 100),
      clientTimestamp: stringField(channelData.clientTimestamp, 40),
    },
  };
}

/** What the transcript keeps: personal data masked, then shortened (by characters, not UTF-16 units). */
function echoActivity(activity: Partial<Activity>, userId: string): Partial<Activity> {
  const text =
    activity.text === undefined
      ? undefined
      : firstCharacters(maskPersonalData(activity.text), MAX_ECHO_CHARS);
  return { ...activity, text, from: { id: userId, name: '', role: 'user' } };
}

export function registerDirectLineRoutes(server: restify.Server, options: DirectLineRouteOptions): void {
  const { directLine, logger } = options;
  const adapter = new DirectLineAdapter(directLine, 'urn:local-direct-line');
  options.apologize(adapter);

  function access(req: Request, res: Response, conversationId?: string): DirectLineConversation | undefined {
    allowCrossOrigin(req, res, options.allowedOrigins);
    const result = directLine.authorize(bearerToken(req), conversationId);
    if (result.ok) return result.conversation;
    const messages = { 403: 'Missing, wrong or expired token.', 404: 'Conversation has expired.' };
    res.send(result.status, {
      error: { code: result.status === 403 ? 'TokenInvalid' : 'NotFound', message: messages[result.status] },
    });
    return undefined;
  }

  function sameToken(req: Request, conversation: DirectLineConversation) {
    return conversationBody({
      conversationId: conversation.id,
      token: bearerToken(req) ?? '',
      userId: conversation.userId,
      expiresIn: Math.floor(directLine.limits.tokenTtlMs / 1000),
    });
  }

  async function runTurn(conversation: DirectLineConversation, activity: Partial<Activity>): Promise<void> {
    const bot = options.bot();
    if (!bot) return;
    try {
      await adapter.processActivity(conversation, activity, (context) => bot.run(context));
    } catch (error) {
      logger.error('Web Chat turn failed', describeError(error));
    }
  }

  server.post(
    `${DIRECT_LINE_PATH}/conversations`,
    async function startConversation(req: Request, res: Response) {
      const conversation = access(req, res);
      if (!conversation) return;
      if (!conversation.started) {
        conversation.started = true;
        await runTurn(conversation, {
          type: 'conversationUpdate',
          membersAdded: [{ id: conversation.userId, name: '' }],
        });
      }
      res.send(201, sameToken(req, conversation));
    },
  );

  server.get(
    `${DIRECT_LINE_PATH}/conversations/:conversationId`,
    async function resume(req: Request, res: Response) {
      const conversation = access(req, res, req.params.conversationId);
      if (conversation) res.send(200, sameToken(req, conversation));
    },
  );

  server.post(`${DIRECT_LINE_PATH}/tokens/refresh`, async function refresh(req: Request, res: Response) {
    const issued = directLine.refresh(bearerToken(req));
    if (!issued) {
      res.send(403, { error: { code: 'TokenInvalid', message: 'Missing, wrong or expired token.' } });
      return;
    }
    res.send(200, conversationBody(issued));
  });

  allowBody(server, 'POST', ACTIVITIES_PATH, { maxBytes: MAX_BODY_BYTES });
  server.post(ACTIVITIES_PATH, async function postActivity(req: Request, res: Response) {
    const conversation = access(req, res, req.params.conversationId);
    if (!conversation) return;
    const parsed = jsonBody(req);
    const body = parsed.ok ? parsed.value : undefined;
    if (!looksLikeActivity(body)) {
      res.send(400, { error: { code: 'BadArgument', message: 'The body is not a JSON activity.' } });
      return;
    }
    if (!directLine.allowPost(conversation)) {
      res.header('Retry-After', String(directLine.retryAfterSeconds(conversation)));
      res.send(429, { error: { code: 'TooManyRequests', message: 'Too many messages; wait a moment.' } });
      return;
    }
    const activity = turnActivity(body);
    let id = '';
    if (activity.type === 'message') {
      conversation.posted = true;
      id = directLine.append(conversation, echoActivity(activity, conversation.userId));
    }
    await runTurn(conversation, { ...activity, id });
    res.send(200, { id });
  });

  server.get(ACTIVITIES_PATH, async function getActivities(req: Request, res: Response) {
    const conversation = access(req, res, req.params.conversationId);
    if (!conversation) return;
    const watermark = new URLSearchParams(req.getQuery()).get('watermark') ?? undefined;
    let set = directLine.activitiesAfter(conversation, watermark);
    if (set.activities.length === 0 && options.pollWaitMs > 0) {
      await directLine.waitForActivity(conversation, options.pollWaitMs);
      set = directLine.activitiesAfter(conversation, watermark);
    }
    res.header('Cache-Control', 'no-store');
    res.send(200, set);
  });
}
