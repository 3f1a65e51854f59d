/**
 * The comparison bot for the throughput benchmark: the same restify server, CloudAdapter and
 * HTTP handling as the FAQ bot, but a bot that only echoes the text back.
 */
import { ActivityHandler } from 'botbuilder';
import type { AddressInfo } from 'node:net';
import { createAdapter } from '../src/bot/adapter';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/logger';
import { createHttpServer } from '../src/server/http-server';

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(context.activity.text ?? '');
      await next();
    });
  }
}

const config = loadConfig({ PORT: '0', HOST: '127.0.0.1' });
const logger = createLogger('warn');
const server = createHttpServer(
  { ...createAdapter(config.bot, logger, 'error'), bot: new EchoBot() },
  logger,
);
server.listen(config.port, config.host, () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`${JSON.stringify({ message: 'Listening', url: `http://127.0.0.1:${port}` })}\n`);
});
