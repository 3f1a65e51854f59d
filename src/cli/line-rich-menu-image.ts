/**
 * npm run line:rich-menu-image   draws data/line-rich-menu.png from data/line-rich-menu.json
 *
 * Development only (playwright-core is a dev dependency; the image is committed, so
 * npm run line:rich-menu needs no browser). Renders a page of our own, the topic labels on
 * tiles in the bot's colour with the speech bubble of its Teams icon, in headless Chromium
 * (Debian's /usr/bin/chromium, or --chromium <path>) with the IPA Gothic font installed on the
 * machine; nothing is fetched from the network. The PNG records which tiles it shows, so the
 * command and the tests notice when the topics changed and the image did not.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { withPngText } from '../channels/line/png-file';
import { ACCENT_COLOR } from '../channels/line/line-render';
import {
  checkRichMenuImage,
  loadRichMenu,
  RICH_MENU_IMAGE_FILE,
  RICH_MENU_IMAGE_KEYWORD,
  RICH_MENU_SIZE,
  type RichMenuDefinition,
  richMenuFingerprint,
} from '../channels/line/rich-menu';
import { loadKnowledgeBase, projectRoot } from '../nlu';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** The speech bubble of the Teams icon (app-icons.ts), in the same unit coordinates. */
const SPEECH_BUBBLE = `<svg viewBox="0 0 1 1" aria-hidden="true">
  <path fill-rule="evenodd" d="M0.22 0.1 H0.78 A0.16 0.16 0 0 1 0.94 0.26 V0.58 A0.16 0.16 0 0 1 0.78 0.74 H0.22
    A0.16 0.16 0 0 1 0.06 0.58 V0.26 A0.16 0.16 0 0 1 0.22 0.1 Z M0.22 0.19 H0.78 A0.07 0.07 0 0 1 0.85 0.26 V0.58
    A0.07 0.07 0 0 1 0.78 0.65 H0.22 A0.07 0.07 0 0 1 0.15 0.58 V0.26 A0.07 0.07 0 0 1 0.22 0.19 Z"/>
  <path d="M0.24 0.66 L0.24 0.92 L0.46 0.66 Z"/>
  <circle cx="0.32" cy="0.42" r="0.065"/><circle cx="0.5" cy="0.42" r="0.065"/><circle cx="0.68" cy="0.42" r="0.065"/>
</svg>`;

export function richMenuHtml(menu: RichMenuDefinition): string {
  const tiles = menu.tiles
    .map(
      ({ label, bounds: { x, y, width, height } }) =>
        `<div class="tile" style="left:${x}px;top:${y}px;width:${width}px;height:${height}px">` +
        `<div class="face">${SPEECH_BUBBLE}<div class="label"><p>${escapeHtml(label)}</p></div></div></div>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><style>
  html, body { margin: 0; width: ${RICH_MENU_SIZE.width}px; height: ${RICH_MENU_SIZE.height}px; background: #ffffff; }
  .tile { position: absolute; box-sizing: border-box; padding: 10px; }
  .face { box-sizing: border-box; height: 100%; border-radius: 36px; background: ${ACCENT_COLOR}; color: #ffffff;
    display: flex; flex-direction: column; align-items: center; justify-content: center; padding: 0 36px; }
  .label { height: 180px; display: flex; align-items: center; }
  svg { width: 120px; height: 120px; fill: #ffffff; flex: none; margin-bottom: 8px; }
  p { margin: 0; font-family: 'IPAPGothic', 'IPAGothic', sans-serif; font-size: 66px; font-weight: bold;
    line-height: 1.3; text-align: center; word-break: auto-phrase; text-wrap: balance; }
</style></head><body>
${tiles}
</body></html>`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { chromium: { type: 'string', default: '/usr/bin/chromium' } } });
  const root = projectRoot();
  const menu = loadRichMenu(loadKnowledgeBase(root), root);
  const browser = await chromium.launch({
    executablePath: values.chromium,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const page = await browser.newPage({
      viewport: { ...RICH_MENU_SIZE },
      deviceScaleFactor: 1,
      locale: 'ja-JP',
    });
    await page.route('**/*', (route) => route.abort()); // our page only: nothing from the network
    await page.setContent(richMenuHtml(menu));
    await page.evaluate('document.fonts.ready.then(() => true)'); // the IPA font loaded before the shot
    const shot = await page.screenshot({ type: 'png', clip: { x: 0, y: 0, ...RICH_MENU_SIZE } });
    const image = withPngText(shot, RICH_MENU_IMAGE_KEYWORD, richMenuFingerprint(menu));
    checkRichMenuImage(image, menu);
    fs.writeFileSync(path.join(root, RICH_MENU_IMAGE_FILE), image);
    process.stdout.write(
      `${RICH_MENU_IMAGE_FILE}: ${RICH_MENU_SIZE.width}×${RICH_MENU_SIZE.height}, ` +
        `${image.length.toLocaleString('en')} bytes, ${menu.tiles.length} topics\n`,
    );
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `line:rich-menu-image failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
});
