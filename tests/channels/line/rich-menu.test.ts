import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { pngSize } from '../../../src/channels/line/png-file';
import {
  checkRichMenuImage,
  loadRichMenu,
  RICH_MENU_DATA_FILE,
  RICH_MENU_IMAGE_FILE,
  RICH_MENU_LIMITS,
  RICH_MENU_SIZE,
  RichMenuDataError,
  type RichMenuDefinition,
  richMenuRequest,
  tileBounds,
} from '../../../src/channels/line/rich-menu';
import { loadKnowledgeBase, projectRoot } from '../../../src/nlu';
import { realEngine } from '../../helpers/engine';

const knowledgeBase = loadKnowledgeBase();
const menu = loadRichMenu(knowledgeBase);
const image = fs.readFileSync(path.join(projectRoot(), RICH_MENU_IMAGE_FILE));

type Bounds = { x: number; y: number; width: number; height: number };

/** Every pixel of the image in exactly one area, no area outside it. */
function expectTiles(areas: readonly Bounds[]): void {
  const { width, height } = RICH_MENU_SIZE;
  for (const a of areas) {
    expect(a.x >= 0 && a.y >= 0 && a.width > 0 && a.height > 0).toBe(true);
    expect(a.x + a.width <= width && a.y + a.height <= height).toBe(true);
  }
  areas.forEach((a, i) =>
    areas.slice(i + 1).forEach((b) => {
      const overlap =
        a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
      expect({ a, b, overlap }).toEqual({ a, b, overlap: false });
    }),
  );
  expect(areas.reduce((sum, a) => sum + a.width * a.height, 0)).toBe(width * height);
}

const roots: string[] = [];
afterAll(() => roots.forEach((root) => fs.rmSync(root, { recursive: true, force: true })));

/** A project root holding only a rich menu data file with these contents. */
function rootWith(data: unknown): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rich-menu-'));
  roots.push(root);
  fs.mkdirSync(path.join(root, 'data'));
  fs.writeFileSync(path.join(root, RICH_MENU_DATA_FILE), JSON.stringify(data));
  return root;
}

const topic = (intent: string, label: string) => ({ intent, label });

describe('the LINE rich menu', () => {
  it('has a committed image that is a PNG of the menu’s size, within LINE’s 1 MB, drawn for its topics', () => {
    expect(pngSize(image)).toEqual(RICH_MENU_SIZE);
    expect(image.length).toBeLessThanOrEqual(RICH_MENU_LIMITS.imageBytes);
    expect(() => checkRichMenuImage(image, menu)).not.toThrow();
  });

  it('offers the main topics of the help page, under a chat bar text that fits', () => {
    expect(menu.tiles.map((tile) => tile.intent)).toEqual([
      'card_previously_worked',
      'how_to_register',
      'otp_delivery',
      'payment_retry',
      'convenience_store',
      'issuer_links',
    ]);
    expect(menu.chatBarText.length).toBeLessThanOrEqual(RICH_MENU_LIMITS.chatBarTextLength);
  });

  it('tiles the image with its areas, one per topic', () => {
    const request = richMenuRequest(menu);
    expect(request.size).toEqual(RICH_MENU_SIZE);
    expect(request.areas).toHaveLength(menu.tiles.length);
    expectTiles((request.areas ?? []).map((area) => area.bounds as Bounds));
    for (let count = 1; count <= 6; count++) {
      expect(tileBounds(count)).toHaveLength(count);
      expectTiles(tileBounds(count));
    }
  });

  it('sends each topic’s question when its area is tapped, which the bot answers with that topic', async () => {
    const { engine } = await realEngine();
    for (const [i, area] of (richMenuRequest(menu).areas ?? []).entries()) {
      const tile = menu.tiles[i]!;
      expect(area.action).toEqual({ type: 'message', label: tile.label, text: tile.question });
      expect(tile.question).toBe(knowledgeBase.answers.get(tile.intent)?.question);
      const reply = engine.ask(tile.question);
      expect({ question: tile.question, answered: reply.kind, intent: reply.intent }).toEqual({
        question: tile.question,
        answered: 'answer',
        intent: tile.intent,
      });
    }
  });

  it('refuses an image drawn for other topics, of another size, or not a PNG', () => {
    const renamed: RichMenuDefinition = {
      ...menu,
      tiles: menu.tiles.map((tile, i) => (i === 0 ? { ...tile, label: '別のラベル' } : tile)),
    };
    expect(() => checkRichMenuImage(image, renamed)).toThrow(/drawn for the topics.*line:rich-menu-image/);
    const small = PNG.sync.write(new PNG({ width: 800, height: 270 }));
    expect(() => checkRichMenuImage(small, menu)).toThrow('a 2500×843 image, got 800×270');
    expect(() => checkRichMenuImage(Buffer.from('GIF89a'), menu)).toThrow(RichMenuDataError);
  });

  it.each([
    [
      'an unknown intent',
      { chatBarText: 'メニュー', topics: [topic('weather', '天気')] },
      'topics[0].intent',
    ],
    [
      'a label longer than 20 characters',
      { chatBarText: 'メニュー', topics: [topic('otp_delivery', 'あ'.repeat(21))] },
      'topics[0].label',
    ],
    [
      'seven topics',
      { chatBarText: 'メニュー', topics: Array.from({ length: 7 }, () => topic('otp_delivery', 'OTP')) },
      '1 to 6 topics',
    ],
    [
      'a chat bar text longer than 14 characters',
      { chatBarText: 'あ'.repeat(15), topics: [topic('otp_delivery', 'OTP')] },
      'chatBarText',
    ],
  ])('refuses data with %s, naming what is wrong', (_name, data, expected) => {
    expect(() => loadRichMenu(knowledgeBase, rootWith(data))).toThrow(RichMenuDataError);
    expect(() => loadRichMenu(knowledgeBase, rootWith(data))).toThrow(expected);
  });
});
