/**
 * Teams does not ask for expectReplies: it waits for the bot to post its reply to the Bot
 * Connector service at the activity's serviceUrl. A loopback server stands in for that service.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type RunningApp, startApp } from '../../../src/app';
import { loadConfig } from '../../../src/config';
import { createLogger } from '../../../src/logger';
import { loadTokenizer } from '../../../src/nlu';
import { adaptiveCardProblems } from '../../helpers/adaptive-card';
import { cardsOf, factsOf, postToBot, teamsMessage } from './teams-activity';

interface ConnectorRequest {
  readonly method: string;
  readonly path: string;
  readonly body: Record<string, unknown>;
}

let app: RunningApp;
let connector: http.Server;
let connectorUrl: string;
const received: ConnectorRequest[] = [];

beforeAll(async () => {
  connector = http.createServer(function botConnector(req, res) {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      received.push({ method: req.method ?? '', path: req.url ?? '', body: body ? JSON.parse(body) : {} });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `reply-${received.length}` }));
    });
  });
  await new Promise<void>((resolve) => connector.listen(0, '127.0.0.1', resolve));
  connectorUrl = `http://127.0.0.1:${(connector.address() as AddressInfo).port}/`;

  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' });
  app = await startApp(config, createLogger('silent'), loadTokenizer());
  await app.ready;
});
afterAll(async () => {
  await app.close();
  await new Promise<void>((resolve) => connector.close(() => resolve()));
});

describe('a reply delivered the way Teams expects it', () => {
  it('posts the card to the Bot Connector as a reply in the channel thread', async () => {
    const message = teamsMessage('ワンタイムパスワードはどこに届きますか', {
      deliveryMode: undefined,
      serviceUrl: connectorUrl,
    });
    const { status, activities } = await postToBot(app, message);
    expect(status).toBe(200);
    expect(activities).toEqual([]);

    expect(received).toHaveLength(1);
    const [request] = received;
    const conversation = message.conversation as { id: string };
    expect(request.method).toBe('POST');
    expect(request.path).toBe(
      `/v3/conversations/${encodeURIComponent(conversation.id)}/activities/${String(message.id)}`,
    );
    expect(request.body.replyToId).toBe(message.id);
    const [{ card }] = cardsOf([request.body]);
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(factsOf(card)['意図']).toBe('otp_delivery');
  });
});
