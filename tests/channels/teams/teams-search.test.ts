/**
 * The search message extension, as Teams uses it: `composeExtension/query` invokes posted to the
 * real server, the results read from the invoke response, each inserted card checked against
 * the Adaptive Card 1.5 object model and Teams' size limit.
 */
import { type Activity, TestAdapter } from 'botbuilder';
import { type RunningApp, startApp } from '../../../src/app';
import { createAnalytics } from '../../../src/analytics/analytics';
import { FaqBot } from '../../../src/bot/faq-bot';
import { SEARCH_MESSAGES } from '../../../src/channels/teams/search-extension';
import { createTeamsChannel } from '../../../src/channels/teams/teams-channel';
import { loadConfig } from '../../../src/config';
import { createLogger } from '../../../src/logger';
import { type KnowledgeBase, loadKnowledgeBase, loadTokenizer, MAX_SEARCH_RESULTS } from '../../../src/nlu';
import { adaptiveCardProblems } from '../../helpers/adaptive-card';
import { realEngine } from '../../helpers/engine';
import {
  actionsOf,
  cardsOf,
  factsOf,
  postToBot,
  type SearchAttachment,
  searchBot,
  teamsMessage,
  teamsSearch,
  textsOf,
} from './teams-activity';

/** Teams refuses a result card over 28 KB. */
const TEAMS_CARD_BUDGET = 28 * 1024;

let app: RunningApp;
let knowledgeBase: KnowledgeBase;
const logLines: string[] = [];
beforeAll(async () => {
  knowledgeBase = loadKnowledgeBase();
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', ANALYTICS_FILE: 'off' });
  app = await startApp(
    config,
    createLogger('debug', (line) => logLines.push(line)),
    loadTokenizer(),
  );
  await app.ready;
});
afterAll(() => app.close());

const answerOf = (intent: string) => {
  const answer = knowledgeBase.answers.get(intent as never);
  if (!answer) throw new Error(`no answer for ${intent}`);
  return answer;
};

const submitButtons = (card: unknown) => actionsOf(card).filter((action) => action.type === 'Action.Submit');

/** The card's title: its first text. */
const headingOf = (card: unknown) => (card as { body: { text?: string }[] }).body[0]?.text;

/** The search's results, each checked as Teams would take it: a preview, and a valid card within the size limit. */
async function results(words: Parameters<typeof teamsSearch>[0]): Promise<SearchAttachment[]> {
  const { status, composeExtension } = await searchBot(app, teamsSearch(words));
  expect(status).toBe(200);
  expect(composeExtension.type).toBe('result');
  expect(composeExtension.attachmentLayout).toBe('list');
  const attachments = composeExtension.attachments ?? [];
  for (const attachment of attachments) {
    expect(attachment.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(adaptiveCardProblems(attachment.content)).toEqual([]);
    expect(attachment.content.version).toBe('1.5');
    expect(JSON.stringify(attachment.content).length * 2).toBeLessThan(TEAMS_CARD_BUDGET);
    expect(attachment.preview?.contentType).toBe('application/vnd.microsoft.card.thumbnail');
    expect(attachment.preview?.content.title).toBe(headingOf(attachment.content));
    // A button that sends a question to the bot fails in the conversation the card is inserted into.
    expect(submitButtons(attachment.content)).toEqual([]);
  }
  return attachments;
}

/** 「確信度 0.92」 from a preview, as a number. */
function confidenceIn(attachment: SearchAttachment): number {
  const match = /確信度 (\d\.\d\d)/.exec(attachment.preview?.content.text ?? '');
  if (!match) throw new Error(`no confidence in the preview: ${attachment.preview?.content.text}`);
  return Number(match[1]);
}

const intentIn = (attachment: SearchAttachment) =>
  /意図 (\w+)/.exec(attachment.preview?.content.text ?? '')?.[1];

describe('searching the FAQ from the compose box', () => {
  it('lists the OTP answer first for 「ワンタイムパスワード 届かない」, with its intent and confidence', async () => {
    const found = await results('ワンタイムパスワード 届かない');
    const otp = answerOf('otp_delivery');
    expect(found[0].preview?.content.title).toBe(otp.title);
    expect(intentIn(found[0])).toBe('otp_delivery');
    expect(confidenceIn(found[0])).toBeGreaterThanOrEqual(0.9);
    expect(factsOf(found[0].content)['意図']).toBe('otp_delivery');
    expect(textsOf(found[0].content).join('\n')).toContain('SMS');
  });

  it('lists several close answers best first, each with its own intent and confidence', async () => {
    const found = await results('エラー');
    expect(found.length).toBeGreaterThanOrEqual(2);
    expect(found.length).toBeLessThanOrEqual(MAX_SEARCH_RESULTS);
    const confidences = found.map(confidenceIn);
    expect(confidences).toEqual([...confidences].sort((a, b) => b - a));
    const intents = found.map(intentIn);
    expect(new Set(intents).size).toBe(intents.length);
    for (const attachment of found) {
      expect(factsOf(attachment.content)['意図']).toBe(intentIn(attachment));
      expect(factsOf(attachment.content)['確信度']).toBe(`${Math.round(confidenceIn(attachment) * 100)}%`);
      expect(attachment.preview?.content.title).toBe(answerOf(intentIn(attachment) ?? '').title);
    }
  });

  it('inserts the answer card staff get in the bot chat, without the buttons that only work there', async () => {
    const [inserted] = await results('ワンタイムパスワード 届かない');
    const { activities } = await postToBot(
      app,
      teamsMessage('ワンタイムパスワードはどこに届きますか', { conversationType: 'personal' }),
    );
    const [{ card: inChat }] = cardsOf(activities);
    expect(submitButtons(inChat).length).toBeGreaterThan(0);
    expect(submitButtons(inserted.content)).toEqual([]);
    const body = (card: unknown) => (card as { body: unknown[] }).body.slice(0, 2);
    expect(body(inserted.content)).toEqual(body(inChat));
    expect(factsOf(inserted.content)['出典']).toBe(answerOf('otp_delivery').section);
  });

  it('keeps the page of the card company the words name on the inserted card', async () => {
    const [first] = await results('楽天カード ワンタイムパスワード');
    const rakuten = knowledgeBase.cardCompanies.find((company) => company.name === '楽天カード');
    expect(intentIn(first)).toBe('otp_delivery');
    expect(actionsOf(first.content)).toContainEqual({
      type: 'Action.OpenUrl',
      title: '楽天カード',
      url: rakuten?.url,
    });
  });

  it("lists every card company's page when the words ask for the pages without naming one", async () => {
    const [first] = await results('カード会社 3Dセキュア ページ');
    expect(intentIn(first)).toBe('issuer_links');
    const texts = textsOf(first.content).join('\n');
    for (const company of knowledgeBase.cardCompanies) expect(texts).toContain(company.url);
    expect(texts).toContain(knowledgeBase.cardCompaniesAsOf);
  });

  it('shows the main topics when the search opens, before anything is typed', async () => {
    const found = await results({ initialRun: true });
    const topics = answerOf('help').next.map((intent) => answerOf(intent).title);
    expect(found.map((attachment) => attachment.preview?.content.title)).toEqual(topics);
    for (const attachment of found) {
      expect(attachment.preview?.content.text).toContain('主な項目');
    }
  });

  it('lists first the answer the bot gives in its chat, with the confidence it shows there', async () => {
    const [first, second] = await results('3Dセキュア 登録');
    const { activities } = await postToBot(
      app,
      teamsMessage('3Dセキュア 登録', { conversationType: 'personal' }),
    );
    const [{ card: inChat }] = cardsOf(activities);
    expect(factsOf(first.content)['意図']).toBe(factsOf(inChat)['意図']);
    expect(factsOf(first.content)['確信度']).toBe(factsOf(inChat)['確信度']);
    expect(intentIn(second)).toBe('registration_status');
  });

  it.each(['明日の天気は？', '本人確認書類', 'パスワード 変更', 'ありがとう'])(
    'lists no answer for %j, and says the FAQ has none',
    async (words) => {
      const { status, composeExtension } = await searchBot(app, teamsSearch(words));
      expect(status).toBe(200);
      expect(composeExtension).toEqual({ type: 'message', text: SEARCH_MESSAGES.outOfScope });
    },
  );

  it('never echoes, searches or logs a card number typed in the search box', async () => {
    const lines = logLines.length;
    const { status, raw, composeExtension } = await searchBot(
      app,
      teamsSearch('4111 1111 1111 1111 ワンタイムパスワード'),
    );
    expect(status).toBe(200);
    expect(composeExtension).toEqual({ type: 'message', text: SEARCH_MESSAGES.cardNumber });
    const written = logLines.slice(lines).join('\n');
    for (const seen of [raw, written]) {
      expect(seen).not.toMatch(/4111|1111/);
      expect(seen).not.toContain('ワンタイムパスワード');
    }
  });
});

describe('a search that fails', () => {
  it('answers with a polite message and logs the failure without the words', async () => {
    const { engine, knowledgeBase: kb } = await realEngine();
    const lines: string[] = [];
    const logger = createLogger('info', (line) => lines.push(line));
    const bot = new FaqBot({
      // The engine cannot be made to fail from outside: the one stand-in of this file.
      engine: {
        ...engine,
        search: (words) => {
          throw new Error(`index unavailable while searching ${words}`);
        },
      },
      knowledgeBase: kb,
      analytics: createAnalytics(loadConfig({ ANALYTICS_FILE: 'off' }).analytics, logger).analytics,
      logger,
      channels: [createTeamsChannel(kb)],
    });
    const adapter = new TestAdapter((context) => bot.run(context));
    await adapter.receiveActivity(teamsSearch('ワンタイムパスワード 届かない') as Partial<Activity>);
    const [reply] = adapter.activityBuffer.splice(0);
    expect(reply.type).toBe('invokeResponse');
    expect(reply.value).toEqual({
      status: 200,
      body: { composeExtension: { type: 'message', text: SEARCH_MESSAGES.failed } },
    });
    const written = lines.join('\n');
    expect(written).toContain('Search failed');
    expect(written).not.toContain('ワンタイムパスワード');
  });
});
