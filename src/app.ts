/**
 * Builds and starts the whole bot: HTTP server first (healthz 503), then the engine; the
 * bot is attached when the dictionary and the model are ready (healthz 200).
 */
import type { AddressInfo } from 'node:net';
import type restify from 'restify';
import { createAnalytics } from './analytics/analytics';
import { apologizeOnTurnError, createAdapter, type IdentityMetadata } from './bot/adapter';
import { FaqBot } from './bot/faq-bot';
import { registerWebChat, type WebChatOptions } from './channels/webchat';
import { registerLineChannel } from './channels/line/line-channel';
import { LINE_CHANNEL } from './channels/line/line-render';
import { createTeamsChannel } from './channels/teams/teams-channel';
import { clientAddressReader } from './server/client-address';
import { isLoopbackUrl } from './server/service-url';
import type { Config } from './config';
import type { Logger } from './logger';
import {
  createFaqEngine,
  DEFAULT_ENGINE_OPTIONS,
  type FaqEngine,
  loadKnowledgeBase,
  projectRoot,
  readSavedModel,
  savedModelPath,
  type Tokenizer,
} from './nlu';
import { type BotHost, createHttpServer } from './server/http-server';
import { createConversationRecords } from './state/conversation-storage';

export interface RunningApp {
  readonly server: restify.Server;
  /** http://host:port the server listens on. */
  readonly url: string;
  /** Resolves with the engine once the bot answers (and /healthz says 200). */
  readonly ready: Promise<FaqEngine>;
  close(): Promise<void>;
}

/** Seams for tests: the chat bubble's clock and long-polling wait; where token signing keys are published. */
export interface AppOptions {
  readonly webChat?: Pick<WebChatOptions, 'now' | 'pollWaitMs'>;
  readonly identity?: IdentityMetadata;
}

export async function startApp(
  config: Config,
  logger: Logger,
  tokenizerLoading: Promise<Tokenizer>,
  options: AppOptions = {},
): Promise<RunningApp> {
  const knowledgeBase = loadKnowledgeBase();
  const records = createConversationRecords(config.storage, logger);
  const analyticsSetup = createAnalytics(config.analytics, logger);
  const { analytics, telemetryClient } = analyticsSetup;
  const endpoint = createAdapter(config.bot, logger, knowledgeBase.replies.error, options.identity);
  const host: BotHost = { ...endpoint, bot: undefined };
  const authentication = config.bot.appId !== '';
  let stopping = false;
  const server = createHttpServer(host, logger, {
    stopping: () => stopping,
    authentication,
    serviceUrls: { allowed: config.bot.unauthenticatedServiceUrls },
    storage: () => records.state(),
  });
  const webChat = registerWebChat(server, {
    settings: config.webChat,
    bot: () => host.bot,
    logger,
    apologize: (channelAdapter) => apologizeOnTurnError(channelAdapter, logger, knowledgeBase.replies.error),
    clientOf: clientAddressReader(config.trustProxy, logger),
    ...options.webChat,
  });
  const line = registerLineChannel(server, {
    settings: config.line,
    host,
    logger,
    apology: knowledgeBase.replies.error,
  });
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  const loopbackOnly = isLoopbackUrl(new URL(url));
  if (!authentication && !loopbackOnly) {
    logger.warn(
      'Authentication is off and the bot listens beyond this machine: anyone who reaches the port can use it',
      {
        host: config.host,
      },
    );
  }
  logger.info('Listening', {
    url,
    reachable: loopbackOnly
      ? `from this machine only${config.hostSet ? '' : ' (local mode: no MicrosoftAppId; set HOST to listen on other addresses)'}`
      : `on ${config.host}`,
    authentication: authentication
      ? `on (${config.bot.appType})`
      : `off: no MicrosoftAppId, for local use only; replies go to loopback serviceUrls${
          config.bot.unauthenticatedServiceUrls.length ? ' and UNAUTHENTICATED_SERVICE_URLS' : ''
        }`,
    storage:
      config.storage.kind === 'blob'
        ? `Azure Blob container ${config.storage.container}`
        : 'in memory (this process only)',
    analytics:
      [config.analytics.file, telemetryClient ? 'Application Insights' : null].filter(Boolean).join(' + ') ||
      'off',
  });

  const savedModel = readSavedModel(savedModelPath(projectRoot()));
  const ready = tokenizerLoading.then((tokenizer) => {
    const options = { ...DEFAULT_ENGINE_OPTIONS, cacheSize: config.answerCacheSize };
    const engine = createFaqEngine(tokenizer, knowledgeBase, options, savedModel);
    logger.info(
      engine.model.restored ? 'Model loaded from the build' : 'Model trained at start (no up-to-date build)',
    );
    host.bot = new FaqBot({
      engine,
      knowledgeBase,
      analytics,
      logger,
      records,
      channels: [createTeamsChannel(knowledgeBase), LINE_CHANNEL],
    });
    return engine;
  });
  ready.catch(() => undefined);

  return {
    server,
    url,
    ready,
    close: async () => {
      // New requests get 503 (and their connection is closed); those under way are finished,
      // and LINE replies still on their way (or waiting for a retry) are sent, for at most
      // SHUTDOWN_TIMEOUT_SECONDS. Then analytics are written out.
      stopping = true;
      webChat.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      const idle = setInterval(() => server.server.closeIdleConnections(), 100);
      const finished = Promise.all([closed, line?.settled()]).then(() => true);
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<false>(
        (resolve) => (timer = setTimeout(resolve, config.shutdownTimeoutMs, false)),
      );
      const inTime = await Promise.race([finished, timeout]);
      clearTimeout(timer);
      clearInterval(idle);
      if (!inTime) {
        logger.warn('Stopped before everything under way was finished', {
          waitedMs: config.shutdownTimeoutMs,
          lineRepliesUnsent: line?.inFlight ?? 0,
        });
        server.server.closeAllConnections();
      }
      await analyticsSetup.close();
    },
  };
}
