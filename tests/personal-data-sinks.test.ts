/**
 * Personal data in every form people type it, written into every place the bot writes to, and
 * what was written scanned for it: the analytics file, Application Insights (a loopback stand-in
 * for its ingestion endpoint), the log, the chat bubble's transcript and the conversation state
 * in Azure Blob storage (Azurite; its files on disk are scanned). The real app, through the chat
 * bubble's local Direct Line and /api/messages.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import fc from 'fast-check';
import { type RunningApp, startApp } from '../src/app';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/logger';
import { loadTokenizer } from '../src/nlu';
import { Azurite } from './helpers/azurite';
import { typedCardNumber, typedEmailParts, typedPhoneNumber } from './helpers/personal-data-arbitraries';
import { digitsOf, numbersIn } from './helpers/personal-data-scan';
import { activities, call, openChat, say } from './channels/webchat/direct-line-client';

jest.setTimeout(120_000);

type Kind = 'card' | 'phone' | 'email';
interface Format {
  readonly kind: Kind;
  readonly typed: string;
  /** What identifies the person: a number's digits, or the name before the at sign. */
  readonly identifying: string;
}

const MASKS: Record<Kind, string> = { card: '[カード番号]', phone: '[電話番号]', email: '[メールアドレス]' };
const SAMPLE = { seed: 1212, numRuns: 8 };

const seen: [Kind, string][] = [
  ['card', '4111.1111.1111.1111'],
  ['card', '4111,1111,1111,1111'],
  ['card', '4111/1111/1111/1111'],
  ['card', '4111  1111  1111  1111'],
  ['card', '4111\u200B1111\u200B1111\u200B1111'],
  ['card', '4111−1111–1111—1111'],
  ['card', '٤١١١ ١١١١ ١١١١ ١١١١'],
  ['card', '4️⃣1️⃣1️⃣1️⃣1️⃣1️⃣1️⃣1️⃣1️⃣1️⃣1️⃣1️⃣1️⃣1️⃣1️⃣1️⃣'],
  ['phone', '090.1234.5678'],
  ['phone', '090−1234−5678'],
  ['phone', '090–1234–5678'],
  ['phone', '+81(0)90-1234-5678'],
  ['email', 'taroyamada @ example.com'],
];

const formats: Format[] = [
  ...seen.map(([kind, typed]): Format => {
    if (kind === 'email') return { kind, typed, identifying: 'taroyamada' };
    const digits = digitsOf(typed);
    return { kind, typed, identifying: kind === 'phone' ? digits.slice(-8) : digits };
  }),
  ...fc
    .sample(typedCardNumber, SAMPLE)
    .map(({ digits, typed }): Format => ({ kind: 'card', typed, identifying: digits })),
  ...fc
    .sample(typedPhoneNumber, SAMPLE)
    .map((typed): Format => ({ kind: 'phone', typed, identifying: digitsOf(typed).slice(-8) })),
  ...fc
    .sample(
      typedEmailParts.filter(({ local }) => local.replace(/[^a-z0-9]/g, '').length >= 8),
      SAMPLE,
    )
    .map(({ local, typed }): Format => ({ kind: 'email', typed, identifying: local })),
];

/** What was written, read once: its numbers, and its text as e-mail names are compared. */
function readAs(text: string) {
  const numbers = numbersIn(text);
  const names = text.normalize('NFKC').toLowerCase().replace(/\s/g, '');
  return (format: Format) =>
    format.kind === 'email'
      ? names.includes(format.identifying.toLowerCase())
      : numbers.some((number) => number.includes(format.identifying));
}

/** Application Insights' ingestion endpoint on loopback: keeps the text of every send. */
async function ingestionStandIn() {
  const received: string[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      received.push(
        (request.headers['content-encoding'] === 'gzip' ? zlib.gunzipSync(body) : body).toString('utf8'),
      );
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ itemsReceived: 1, itemsAccepted: 1, errors: [] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    received,
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function filesUnder(folder: string): string[] {
  return fs
    .readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** Invisible characters next to a mask may stay; they are not data. */
const visible = (text: string) => text.replace(/\p{Cf}/gu, '');

const azurite = new Azurite();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sinks-'));
const analyticsFile = path.join(dir, 'analytics.jsonl');
const logLines: string[] = [];
const transcripts: string[] = [];
const replies: { format: Format; text: string }[] = [];
let written: Record<string, string>;

beforeAll(async () => {
  await azurite.start();
  const ingestion = await ingestionStandIn();
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'debug',
    STORAGE: 'blob',
    AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
    AZURE_STORAGE_CONTAINER: 'sinks-state',
    ANALYTICS_FILE: analyticsFile,
    APPLICATIONINSIGHTS_CONNECTION_STRING: `InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:${ingestion.port}/`,
    WEBCHAT_TOKENS_PER_MINUTE: '1000',
    WEBCHAT_CONVERSATIONS_PER_CLIENT: '1000',
  });
  const logger = createLogger('debug', (line) => logLines.push(line));
  const app: RunningApp = await startApp(config, logger, loadTokenizer(), { webChat: { pollWaitMs: 0 } });
  try {
    await app.ready;
    for (const [i, format] of formats.entries()) {
      // On the chat bubble: a question the FAQ does not answer, so its wording is recorded.
      const visitor = await openChat(app);
      await say(app, visitor, `領収書の宛名を変えたいです。連絡先は${format.typed}です`);
      const transcript = (await activities(app, visitor)).json;
      transcripts.push(JSON.stringify(transcript));
      const texts = transcript.activities.map((activity: { text?: string }) => activity.text ?? '');
      replies.push({ format, text: texts.join('\n') });
      // On /api/messages: a question the bot asks about, so its wording is kept in the state.
      await call(app, 'POST', '/api/messages', {
        body: {
          type: 'message',
          deliveryMode: 'expectReplies',
          channelId: 'emulator',
          serviceUrl: 'http://127.0.0.1:9',
          from: { id: 'user-1' },
          recipient: { id: 'bot' },
          conversation: { id: `sinks-${i}` },
          text: `3Dセキュアについて知りたい ${format.typed}`,
        },
      });
      // Straight into the log, as any future log line holding client text would be.
      logger.info('A client string', { text: format.typed });
    }
  } finally {
    await app.close(); // writes the analytics file out and sends what Application Insights holds
    await ingestion.close();
  }
  written = {
    'the analytics file': fs.readFileSync(analyticsFile, 'utf8'),
    'Application Insights': ingestion.received.join('\n'),
    'the log': logLines.join(''),
    'the transcripts': transcripts.join('\n'),
    'the Blob storage files': filesUnder(azurite.dataFolder)
      .map((file) => fs.readFileSync(file).toString('utf8'))
      .join('\n'),
  };
});

afterAll(async () => {
  await azurite.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('personal data in every place the bot writes to', () => {
  it('finds none of the typed card numbers, phone numbers or e-mail names in anything written', () => {
    const found = Object.entries(written).flatMap(([sink, text]) => {
      const holds = readAs(text);
      return formats.filter(holds).map((format) => `${sink}: ${format.typed}`);
    });
    expect(found).toEqual([]);
  });

  it('records each unanswered question with its mask in place of the data', () => {
    const recorded = written['the analytics file']!.trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { text?: string })
      .map((event) => visible(event.text ?? ''));
    for (const format of formats) {
      expect(recorded).toContain(`領収書の宛名を変えたいです。連絡先は${MASKS[format.kind]}です`);
    }
    expect(written['Application Insights']).toContain('[カード番号]');
  });

  it('keeps the masked wording of a question being clarified in the Blob state', () => {
    expect(written['the Blob storage files']).toContain('3Dセキュアについて知りたい [カード番号]');
  });

  it('shows the masked message in the transcript, and warns about every card number format', () => {
    for (const { format, text } of replies) {
      expect(visible(text)).toContain(`連絡先は${MASKS[format.kind]}です`);
      if (format.kind === 'card') expect(text).toContain('カード番号はチャットに入力しないでください');
    }
  });

  it('scans enough of each kind to mean something', () => {
    const counts = formats.reduce<Record<string, number>>(
      (count, { kind }) => ({ ...count, [kind]: (count[kind] ?? 0) + 1 }),
      {},
    );
    expect(counts).toEqual({ card: 16, phone: 12, email: 9 });
    expect(logLines.length).toBeGreaterThan(formats.length);
  });
});
