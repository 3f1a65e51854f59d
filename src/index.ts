/**
 * Composition root: read config, start loading the dictionary, then load and start the
 * bot's HTTP stack while the dictionary files decompress in the background.
 */
import { loadConfig, readEnvironment } from './config';
import { createLogger, describeError } from './logger';
import { loadTokenizer } from './nlu/tokenizer';

async function main(): Promise<void> {
  const started = performance.now();
  const config = loadConfig(readEnvironment());
  const logger = createLogger(config.logLevel);
  const tokenizerLoading = loadTokenizer();
  // Let kuromoji queue its file reads before the synchronous work of loading botbuilder.
  await new Promise((resolve) => setImmediate(resolve));

  const { startApp } = await import('./app');
  const app = await startApp(config, logger, tokenizerLoading);
  await app.ready;
  logger.info('Ready', { startupMs: Math.round(performance.now() - started) });

  const stop = (signal: string) => {
    logger.info('Stopping', { signal });
    void app.close().then(() => process.exit(0));
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Failed to start: ${describeError(error).errorMessage}\n`);
  process.exit(1);
});
