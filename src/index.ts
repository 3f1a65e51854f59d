/**
 * Composition root: read config, start loading the dictionary, then load the bot's HTTP stack
 * (imported here, after the dictionary load has begun) and listen, answering /healthz 503
 * until the engine is ready.
 */
import './compile-cache';
import v8 from 'node:v8';
import { loadConfig, readEnvironment } from './config';
import { createLogger, describeError } from './logger';
import { loadTokenizer } from './nlu/tokenizer';

async function main(): Promise<void> {
  const started = performance.now();
  const config = loadConfig(readEnvironment());
  const logger = createLogger(config.logLevel);
  const tokenizerLoading = loadTokenizer();

  const { startApp } = await import('./app');
  const app = await startApp(config, logger, tokenizerLoading);
  await app.ready;
  // Once loaded, the dictionary is a large heap that lives as long as the process; V8's
  // default lets garbage grow the heap by a multiple of it between full collections. Growing
  // by at most 100% keeps RSS close to kuromoji's own (see BENCHMARKS.md). Set after start-up,
  // where more frequent collections would only slow the dictionary load.
  v8.setFlagsFromString('--heap-growing-percent=100');
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
