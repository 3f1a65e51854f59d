/// <reference lib="dom" />
/**
 * The chat bubble end to end, in real headless Chromium (Debian's /usr/bin/chromium, driven by
 * playwright-core) against the real bot on an ephemeral port with the local Direct Line.
 * Screenshots go to test-results/ for a person to look at.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { type RunningApp, startApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import type { WebChatToken } from '../../src/channels/webchat/token-route';
import { loadTokenizer } from '../../src/nlu';

jest.setTimeout(90_000);

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = path.join(__dirname, '..', '..', 'test-results');
const QUESTION = 'ワンタイムパスワードはどこに届きますか';

let app: RunningApp;
let browser: BrowserContext;
let page: Page;
let profile: string | undefined;
const otherHosts: string[] = [];
const problems: string[] = [];
/** The last answer of the token endpoint the page received. */
let token: WebChatToken | undefined;
/** How far the server's clock is ahead of real time (to let a conversation expire). */
let clockAhead = 0;
let suggestedAnswer = '';
const { answers } = JSON.parse(fs.readFileSync(path.join(__dirname, '../../data/answers.json'), 'utf8')) as {
  answers: { title: string; text: string }[];
};

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}: install Debian's chromium (apt-get install chromium)`);
  }
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' });
  app = await startApp(config, createLogger('silent'), loadTokenizer(), {
    webChat: { pollWaitMs: 10_000, now: () => Date.now() + clockAhead },
  });
  await app.ready;
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  profile = fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-'));
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    locale: 'ja-JP',
    viewport: { width: 1280, height: 800 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  page = browser.pages()[0] ?? (await browser.newPage());
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(app.url) && !/^(blob|data):/.test(url)) otherHosts.push(url);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('response', async (response) => {
    if (response.url().endsWith('/api/directline/token')) token = await response.json();
  });
  await page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (event) =>
      console.error(`CSP blocked ${event.violatedDirective} ${event.blockedURI}`),
    ),
  );
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  if (profile) fs.rmSync(profile, { recursive: true, force: true });
});

const launcher = () => page.getByRole('button', { name: /^チャットで質問する/ });
/** Messages in the transcript (user's and bot's) whose text matches. */
const message = (text: string | RegExp) =>
  page.locator('.webchat__basic-transcript .webchat__text-content', { hasText: text });
const sendBox = () => page.getByRole('textbox');

/**
 * The panel stretched to the height of its whole conversation in a tall window, for one
 * screenshot a person can read from the top (the panel is 640 px high on the page).
 */
async function screenshotOfWholeConversation(file: string): Promise<void> {
  const viewport = page.viewportSize()!;
  const transcriptHeight = await page.evaluate(
    () => document.querySelector('.webchat__basic-transcript__scrollable')?.scrollHeight ?? 0,
  );
  await page.setViewportSize({ width: viewport.width, height: transcriptHeight + 400 });
  await page.evaluate((height) => {
    const panel = document.getElementById('fqb-panel');
    if (panel) panel.style.height = `${height}px`;
  }, transcriptHeight + 200);
  await page.screenshot({ path: path.join(SCREENSHOTS, file) });
  await page.evaluate(() => document.getElementById('fqb-panel')?.style.removeProperty('height'));
  await page.setViewportSize(viewport);
}

describe('the chat bubble on the application site', () => {
  it('loads only the small launcher until the bubble is opened', async () => {
    const scripts: string[] = [];
    page.on('request', (request) => scripts.push(request.url()));
    await page.goto(app.url);
    await expect(launcher().isVisible()).resolves.toBe(true);
    expect(scripts.some((url) => url.includes('/webchat/webchat-'))).toBe(false);
    expect(await page.evaluate(() => 'WebChat' in window)).toBe(false);
  });

  it('opens from the keyboard and answers the one-time password question with SMS', async () => {
    // Tab past the page's own links (the site's navigation) to the launcher, which comes last.
    const launcherFocused = () => launcher().evaluate((button) => button === document.activeElement);
    for (let presses = 0; presses < 5 && !(await launcherFocused()); presses += 1) {
      await page.keyboard.press('Tab');
    }
    await expect(launcherFocused()).resolves.toBe(true);
    await page.keyboard.press('Enter');
    await message('こんにちは').first().waitFor();
    expect(await launcher().getAttribute('aria-expanded')).toBe('true');
    expect(await page.locator('html').getAttribute('lang')).toBe('ja');

    await sendBox().fill(QUESTION);
    await sendBox().press('Enter');
    await message(/SMS（ショートメールサービス）/)
      .first()
      .waitFor();
  });

  it('goes on from the answer: 「はい」 typed to the offer, a company chosen from the list, the feedback given', async () => {
    const buttons = page.locator('.webchat__suggested-actions').getByRole('button');
    await message('ページをご案内しましょうか？').first().waitFor();
    expect((await buttons.allInnerTexts()).slice(0, 2).map((title) => title.trim())).toEqual([
      'はい',
      'いいえ',
    ]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'chat-bubble-offer.png') });

    await sendBox().fill('はい');
    await sendBox().press('Enter');
    await message('番号か名前でお知らせください').first().waitFor();
    // The companies are a numbered list in the bubble, not two dozen links or buttons.
    const list = message('番号か名前でお知らせください').first();
    // Numbered as typed: 「20」 is the 20th shown, also after the brands' heading.
    expect(await list.innerText()).toMatch(/19\. 楽天カード\s+国際ブランド\s+20\. Visa「Visa Secure」/);
    expect(await list.locator('a').count()).toBe(0);
    expect((await buttons.allInnerTexts()).map((title) => title.trim())).toEqual(['わからない', '不要です']);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'chat-bubble-company-list.png') });

    await sendBox().fill('楽天');
    await sendBox().press('Enter');
    const link = page.locator(
      '.webchat__basic-transcript a[href="https://www.rakuten-card.co.jp/security/3d-secure/"]',
    );
    await link.waitFor();
    await message('この回答は役に立ちましたか？').first().waitFor();
    await buttons.getByText('はい', { exact: true }).click();
    await message('ご回答ありがとうございます').first().waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'chat-bubble-exchange.png') });
    await screenshotOfWholeConversation('chat-bubble-exchange-full.png');
  });

  it('does not send while a Japanese IME is composing, and sends after the conversion is confirmed', async () => {
    const cdp = await browser.newCDPSession(page);
    await sendBox().click();
    await cdp.send('Input.imeSetComposition', { text: 'こんびに', selectionStart: 4, selectionEnd: 4 });
    await cdp.send('Input.dispatchKeyEvent', {
      type: 'rawKeyDown',
      key: 'Enter',
      code: 'Enter',
      windowsVirtualKeyCode: 229,
    });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Enter', code: 'Enter' });
    expect(await sendBox().inputValue()).toBe('こんびに');
    await cdp.send('Input.insertText', { text: 'コンビニ' });
    expect(await sendBox().inputValue()).toBe('コンビニ');
    await sendBox().pressSequentially('払いにできますか');
    await sendBox().press('Enter');
    await message('コンビニ払いにできますか').first().waitFor();
    expect(await message(/こんびに|^コンビニ$/).count()).toBe(0);
    await cdp.detach();
  });

  it('asks whether the answer helped, and answers a related question when it is clicked', async () => {
    const buttons = page.locator('.webchat__suggested-actions').getByRole('button');
    // The second time it asks: the first was after the company's page.
    await message('この回答は役に立ちましたか？').nth(1).waitFor();
    const titles = (await buttons.allInnerTexts()).map((title) => title.trim());
    expect(titles.slice(0, 2)).toEqual(['はい', 'いいえ']);
    const topic = answers.find((answer) => titles.includes(answer.title));
    expect(topic).toBeDefined();
    const button = buttons.getByText(topic!.title, { exact: true });
    suggestedAnswer = topic!.text.split('\n')[0].slice(0, 30);
    const shownBefore = await message(suggestedAnswer).count();
    await button.click();
    await message(suggestedAnswer).nth(shownBefore).waitFor();
  });

  it('keeps the conversation while minimized, counts unread answers, and shows the history on reopening', async () => {
    await page.getByRole('button', { name: 'チャットを最小化' }).click();
    expect(await launcher().getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator('#fqb-panel').isHidden()).toBe(true);

    // The same visitor asks from another tab while this one is minimized.
    expect(token).toBeDefined();
    const posted = await fetch(`${app.url}/v3/directline/conversations/${token!.conversationId}/activities`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token!.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: '3Dセキュアとは何ですか' }),
    });
    expect(posted.status).toBe(200);
    // Two unread: the answer, and the bot's question whether it helped.
    await page.getByRole('button', { name: /未読 2 件/ }).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'chat-bubble-unread.png') });

    await launcher().click();
    await message(/SMS（ショートメールサービス）/)
      .first()
      .waitFor();
    await message(suggestedAnswer).first().waitFor();
    await message('3Dセキュアとは何ですか').first().waitFor();
    expect(await launcher().getAttribute('aria-label')).toBe('チャットで質問する');
    // The newest answer scrolls into view (Web Chat scrolls smoothly), not left below older ones.
    await page.waitForFunction((text) => {
      const answers = Array.from(
        document.querySelectorAll('.webchat__basic-transcript .webchat__text-content'),
      );
      const newest = answers.filter((element) => element.textContent?.includes(text)).at(-1);
      const panel = document.getElementById('fqb-panel')?.getBoundingClientRect();
      return !!newest && !!panel && newest.getBoundingClientRect().bottom <= panel.bottom;
    }, 'インターネット上でクレジットカード決済をする際に');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'chat-bubble.png') });
  });

  it('keeps the conversation, open, across a reload and on another page of the site', async () => {
    const before = token!;
    const welcomes = await message('こんにちは').count();
    const thanks = await message('ご回答ありがとうございます').count();
    await page.reload();
    await message('3Dセキュアとは何ですか').first().waitFor();
    await message(/SMS（ショートメールサービス）/)
      .first()
      .waitFor();
    expect(token).toMatchObject({ conversationId: before.conversationId, resumed: true });
    expect(await launcher().getAttribute('aria-expanded')).toBe('true');
    expect(await message('こんにちは').count()).toBe(welcomes);

    await page.getByRole('link', { name: 'マイページ' }).click();
    await page.waitForURL(/\/mypage$/);
    await message('3Dセキュアとは何ですか').first().waitFor();
    expect(token).toMatchObject({ conversationId: before.conversationId, resumed: true });
    // The bot still knows its open question: 「はい」 answers whether the last answer helped.
    await message('この回答は役に立ちましたか？').last().waitFor();
    await sendBox().fill('はい');
    await sendBox().press('Enter');
    await message('ご回答ありがとうございます').nth(thanks).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'chat-bubble-after-reload.png') });
  });

  it('starts a new conversation by itself, with a short note, once the conversation has expired', async () => {
    const before = token!;
    const problemsBefore = problems.length;
    clockAhead += 31 * 60_000;
    const note = page.locator('.fqb-status', {
      hasText: '前回の会話は、しばらく操作がなかったため終了しました',
    });
    await note.waitFor({ timeout: 30_000 });
    await message('こんにちは').first().waitFor();
    expect(token).toMatchObject({ resumed: false });
    expect(token!.conversationId).not.toBe(before.conversationId);
    expect(await message('3Dセキュアとは何ですか').count()).toBe(0);
    // Chromium logs the refused poll (expired token or conversation) itself; nothing else went wrong.
    const refusedPolls = problems.splice(problemsBefore);
    for (const problem of refusedPolls) expect(problem).toMatch(/status of 40[34] \((Forbidden|Not Found)\)/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'chat-bubble-expired.png') });

    await sendBox().fill(QUESTION);
    await sendBox().press('Enter');
    await message(/SMS（ショートメールサービス）/)
      .first()
      .waitFor();
    expect(await note.isHidden()).toBe(true);
  });

  it('loaded nothing from other hosts, and the page met its Content-Security-Policy without errors', () => {
    expect(otherHosts).toEqual([]);
    expect(problems).toEqual([]);
  });
});
