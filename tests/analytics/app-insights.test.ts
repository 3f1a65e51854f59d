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
  const waiting: (() => void)[] = [];
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
      waiting.splice(0).forEach((wake) => wake());
    });
  });
  return {
    envelopes,
    listen: () =>
      new Promise<number>((resolve) =>
        server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
      ),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    /** Resolves once an event with this name has arrived. */
    async eventNamed(name: string): Promise<Record<string, unknown>> {
      for (;;) {
        const found = envelopes.find(
          (envelope) =>
            JSON.stringify(envelope).includes(`"name":"${name}"`) &&
            JSON.stringify(envelope).includes('baseData'),
        );
        if (found) return found;
        await new Promise<void>((resolve) => waiting.push(resolve));
      }
    },
  };
}

describe('analytics in Application Insights', () => {
  const standIn = ingestionStandIn();
  afterAll(() => standIn.close());

  it('sends each turn as a FaqTurn event with masked text, and masks personal data in any other event', async () => {
    const port = await standIn.listen();
    const { analytics, telemetryClient } = createAnalytics(
      {
        file: null,
        appInsightsConnectionString: `InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:${port}/`,
      },
      createLogger('silent'),
    );
    const { engine } = await realEngine();
    const question = '領収書がほしいです。4111-1111-1111-1111 で払いました';
    analytics.record(questionEvent('webchat', question, engine.ask(question)));
    telemetryClient?.trackEvent({
      name: 'SomethingElse',
      properties: { note: 'mail me at taro@example.co.jp' },
    });
    await analytics.flush();

    const turn = JSON.stringify(await standIn.eventNamed('FaqTurn'));
    expect(turn).toContain('"outcome":"fallback"');
    expect(turn).toContain('"channel":"webchat"');
    expect(turn).toContain('[カード番号]');
    const other = JSON.stringify(await standIn.eventNamed('SomethingElse'));
    expect(other).toContain('[メールアドレス]');
    const everything = JSON.stringify(standIn.envelopes);
    expect(everything).not.toContain('4111');
    expect(everything).not.toContain('taro@example.co.jp');
  });
});
