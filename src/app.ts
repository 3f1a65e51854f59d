/**
 * Builds and starts the whole bot: HTTP server first (healthz 503), then the engine; the
 * bot is attached when the dictionary and the model are ready (healthz 200).
 */
import type { AddressInfo } from 'node:net';
import type restify from 'restify';
import { createAnalytics } from './analytics/analytics';
import { apologizeOnTurnError, createAdapter } from './bot/adapter';
import { FaqBot } from './bot/faq-bot';
import { registerWebChat, type WebChatOptions } from './channels/webchat';
import { registerLineChannel } from './channels/line/line-channel';
import { LINE_CHANNEL } from './channels/line/line-render';
import { createTeamsChannel } from './channels/teams/teams-channel';
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
import { createConversationStorage } from './state/conversation-storage';

export interface RunningApp {
  readonly server: restify.Server;
  /** http://host:port the server listens on. */
  readonly url: string;
  /** Resolves with the engine once the bot answers (and /healthz says 200). */
  readonly ready: Promise<FaqEngine>;
  close(): Promise<void>;
}

/** Seams for tests: the chat bubble's clock and long-polling wait. */
export interface AppOptions {
  readonly webChat?: Pick<WebChatOptions, 'now' | 'pollWaitMs'>;
}

export async function startApp(
  config: Config,
  logger: Logger,
  tokenizerLoading: Promise<Tokenizer>,
  options: AppOptions = {},
): Promise<RunningApp> {
  const knowledgeBase = loadKnowledgeBase();
  const storage = createConversationStorage(config.storage);
  const analyticsSetup = createAnalytics(config.analytics, logger);
  const { analytics, telemetryClient } = analyticsSetup;
  const adapter = createAdapter(config.bot, logger, knowledgeBase.replies.error);
  const host: BotHost = { adapter, bot: undefined };
  const server = createHttpServer(host, logger);
  const webChat = registerWebChat(server, {
    settings: config.webChat,
    bot: () => host.bot,
    logger,
    apologize: (channelAdapter) => apologizeOnTurnError(channelAdapter, logger, knowledgeBase.replies.error),
    ...options.webChat,
  });
  registerLineChannel(server, { settings: config.line, host, logger, apology: knowledgeBase.replies.error });
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  logger.info('Listening', {
    url,
    authentication: config.bot.appId
      ? `on (${config.bot.appType})`
      : 'off: no MicrosoftAppId, for local use only',
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
      storage,
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
      webChat.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await analyticsSetup.close();
    },
  };
}
