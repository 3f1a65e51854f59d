/**
 * Composition root: read config, start loading the dictionary, listen (healthz 503 while
 * loading), then train the engine, wire the bot and report ready.
 */
import { loadConfig, readEnvironment } from './config';
import { createLogger, describeError } from './logger';
import { loadTokenizer } from './nlu/tokenizer';
import type { BotHost } from './server/http-server';

async function main(): Promise<void> {
  const config = loadConfig(readEnvironment());
  const logger = createLogger(config.logLevel);
  const started = performance.now();
  // Start reading the dictionary first: its files decompress in the background while the
  // HTTP stack below is loaded, instead of after it.
  const tokenizerLoading = loadTokenizer();
  await new Promise((resolve) => setImmediate(resolve));

  const { createAdapter } = await import('./bot/adapter');
  const { FaqBot } = await import('./bot/faq-bot');
  const { createHttpServer } = await import('./server/http-server');
  const { createFaqEngine, loadKnowledgeBase } = await import('./nlu');

  const knowledgeBase = loadKnowledgeBase();
  const adapter = createAdapter(config.bot, logger, knowledgeBase.replies.error);
  const host: BotHost = { adapter, bot: undefined };
  const server = createHttpServer(host, logger);
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  logger.info('Listening', {
    url: server.url,
    authentication: config.bot.appId ? `Bot Framework app ${config.bot.appType}` : 'off (no MicrosoftAppId: local use only)',
  });

  host.bot = new FaqBot(createFaqEngine(await tokenizerLoading, knowledgeBase));
  logger.info('Ready', { startupMs: Math.round(performance.now() - started) });

  const shutdown = (signal: string) => {
    logger.info('Stopping', { signal });
    server.close(() => process.exit(0));
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Failed to start: ${describeError(error).errorMessage}\n`);
  process.exit(1);
});
