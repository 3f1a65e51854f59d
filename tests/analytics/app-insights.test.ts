import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { createAnalytics } from '../../src/analytics/analytics';
import { questionEvent } from '../../src/analytics/events';
import { createLogger } from '../../src/logger';
import { realEngine } from '../helpers/engine';

/** Application Insights' ingestion endpoint, stood in for on loopback: records what the SDK sends. */
function ingestionStandIn() {
  const envelopes: Record<string, unknown>[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      const text = (request.headers['content-encoding'] === 'gzip' ? zlib.gunzipSync(body) : body).toString(
        'utf8',
      );
      const lines = text.trim().startsWith('[')
        ? (JSON.parse(text) as unknown[])
        : text
            .trim()
            .split('\n')
            .map((l) => JSON.parse(l));
      envelopes.push(...(lines as Record<string, unknown>[]));
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ itemsReceived: lines.length, itemsAccepted: lines.length, errors: [] }));
    });
  });
  return {
    envelopes,
    listen: () =>
      new Promise<number>((resolve) =>
        server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
      ),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    /** The envelopes received so far whose item has this name (the event's or the request's). */
    named(name: string): Record<string, unknown>[] {
      return envelopes.filter((envelope) => {
        const baseData = (envelope.data as { baseData?: { name?: string } } | undefined)?.baseData;
        return baseData?.name === name;
      });
    },
  };
}

/** The analytics of a bot whose Application Insights connection string points at the stand-in. */
function analyticsSendingTo(port: number) {
  return createAnalytics(
    {
      file: null,
      appInsightsConnectionString: `InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:${port}/`,
    },
    createLogger('silent'),
  );
}

/** A server of the process's own, asked once: the SDK's hooks on Node's http module would report it. */
async function requestToAnotherServer(path: string): Promise<void> {
  const server = http.createServer((_request, response) => response.end('ok'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) =>
    http.get(`http://127.0.0.1:${port}${path}`, (r) => r.resume().on('end', resolve)),
  );
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

describe('analytics in Application Insights', () => {
  const standIn = ingestionStandIn();
  let port: number;
  beforeAll(async () => {
    port = await standIn.listen();
  });
  afterAll(() => standIn.close());

  it('sends each turn as a FaqTurn event with masked text, and masks personal data in any other event', async () => {
    const setup = analyticsSendingTo(port);
    const { analytics, telemetryClient } = setup;
    const { engine } = await realEngine();
    const question = '領収書がほしいです。4111-1111-1111-1111 で払いました';
    analytics.record(questionEvent('webchat', question, engine.ask(question)));
    telemetryClient?.trackEvent({
      name: 'SomethingElse',
      properties: { note: 'mail me at taro@example.co.jp' },
    });
    await setup.close(); // resolves once the stand-in has answered the send

    const turn = JSON.stringify(standIn.named('FaqTurn'));
    expect(turn).toContain('"outcome":"fallback"');
    expect(turn).toContain('"channel":"webchat"');
    const [sent] = standIn.named('FaqTurn') as {
      data: { baseData: { properties: Record<string, string> } };
    }[];
    expect(sent?.data.baseData.properties.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(turn).toContain('[カード番号]');
    const other = JSON.stringify(standIn.named('SomethingElse'));
    expect(other).toContain('[メールアドレス]');
    const everything = JSON.stringify(standIn.envelopes);
    expect(everything).not.toContain('4111');
    expect(everything).not.toContain('taro@example.co.jp');
  });

  it('reports the HTTP requests the process serves while it runs, and nothing once closed', async () => {
    const setup = analyticsSendingTo(port);
    await requestToAnotherServer('/while-running');
    await setup.analytics.flush(); // resolves once the stand-in has answered the send
    expect(standIn.named('GET /while-running')).toHaveLength(1);

    await setup.close();
    await requestToAnotherServer('/after-close');
    await setup.analytics.flush(); // resolves once the stand-in has answered the send
    expect(standIn.named('GET /after-close')).toHaveLength(0);
  });
});
