/**
 * The chat bubble channel: the demo page, the launcher and Web Chat, the token endpoint, and
 * in local mode (no DIRECT_LINE_SECRET) the bot's own Direct Line endpoint.
 */
import type { ActivityHandler } from 'botbuilder';
import type { Request, Response } from 'restify';
import type restify from 'restify';
import type { WebChatSettings } from '../../config';
import { type Logger, rateLimited } from '../../logger';
import { ClientRateLimit } from './client-rate-limit';
import type { DirectLineAdapter } from './direct-line-adapter';
import { DIRECT_LINE_PATH, registerDirectLineRoutes } from './direct-line-routes';
import { DEFAULT_LIMITS, LocalDirectLine } from './local-direct-line';
import { allowCrossOrigin } from './origins';
import { ResumeKeys } from './resume-keys';
import { registerSiteRoutes } from './site-routes';
import { registerTokenRoute, TOKEN_PATH } from './token-route';

export interface WebChatChannel {
  readonly mode: 'local' | 'azure';
  /** The local Direct Line's state (local mode only). */
  readonly directLine?: LocalDirectLine;
  close(): void;
}

export interface WebChatOptions {
  readonly settings: WebChatSettings;
  readonly bot: () => ActivityHandler | undefined;
  readonly logger: Logger;
  readonly apologize: (adapter: DirectLineAdapter) => void;
  /** Long-polling wait of the local Direct Line (tests shorten it). */
  readonly pollWaitMs?: number;
  /** The local Direct Line's clock (tests move it forward). */
  readonly now?: () => number;
  /** The address a request comes from, for the per-client limits. */
  readonly clientOf: (req: Request) => string;
}

/** Where the page may connect besides itself: Azure Direct Line over HTTPS and WebSocket. */
function azureConnectSources(settings: WebChatSettings): string[] {
  const { origin, host, protocol } = new URL(settings.directLineEndpoint);
  return [origin, `${protocol === 'https:' ? 'wss' : 'ws'}://${host}`];
}

export function registerWebChat(server: restify.Server, options: WebChatOptions): WebChatChannel {
  const { settings, logger } = options;
  const local = settings.directLineSecret === '';
  const directLine = local
    ? new LocalDirectLine(
        {
          ...DEFAULT_LIMITS,
          maxConversations: settings.maxConversations,
          idleMs: settings.idleMinutes * 60_000,
          perClient: settings.conversationsPerClient,
        },
        options.now,
      )
    : undefined;
  const notices = rateLimited(logger);
  const tokenLimit = new ClientRateLimit(settings.tokensPerMinute, options.now);

  registerSiteRoutes(server, local ? [] : azureConnectSources(settings));
  registerTokenRoute(server, {
    settings,
    localDirectLine: directLine,
    tokenLimit,
    resumeKeys: new ResumeKeys(settings.directLineSecret),
    clientOf: options.clientOf,
    logger,
    notices,
  });
  const preflight = async function corsPreflight(req: Request, res: Response) {
    allowCrossOrigin(req, res, settings.allowedOrigins);
    res.send(204);
  };
  server.opts(TOKEN_PATH, preflight);

  const sweeper = setInterval(() => {
    tokenLimit.sweep();
    directLine?.sweep();
  }, 60_000).unref();
  if (directLine) {
    registerDirectLineRoutes(server, {
      directLine,
      bot: options.bot,
      logger,
      allowedOrigins: settings.allowedOrigins,
      apologize: options.apologize,
      pollWaitMs: options.pollWaitMs ?? 15_000,
    });
    server.opts(`${DIRECT_LINE_PATH}/*`, preflight);
  }
  logger.info('Web chat bubble on', {
    mode: local ? 'local Direct Line' : 'Azure Direct Line',
    page: '/',
    launcher: '/webchat/bubble.js',
  });
  return {
    mode: local ? 'local' : 'azure',
    directLine,
    close: () => {
      clearInterval(sweeper);
      directLine?.wakeAll();
    },
  };
}
