/**
 * The LINE rich menu: the main topics (data/line-rich-menu.json) as tiles of one image, each
 * tile an area whose tap sends the topic's question (the answer's `question` in
 * data/answers.json), so the bot answers it as it answers that question typed. The tiles are
 * decided here once, for both the menu sent to LINE and the image drawn for it.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { messagingApi } from '@line/bot-sdk';
import { type IntentId, isIntentId, type KnowledgeBase, MAX_LABEL_LENGTH, projectRoot } from '../../nlu';
import { pngSize, pngText } from './png-file';

/** LINE's rich menu rules (Messaging API reference, "Rich menu object", "Upload rich menu image"). */
export const RICH_MENU_LIMITS = Object.freeze({
  chatBarTextLength: 14,
  areas: 20,
  imageBytes: 1024 * 1024,
  messageActionTextLength: 300,
});

/** LINE's half-height size (2500×843): the menu leaves most of the chat in view. */
export const RICH_MENU_SIZE = Object.freeze({ width: 2500, height: 843 });

/** How the command knows the menus it made before: it deletes those of this name. */
export const RICH_MENU_NAME = 'faq-3dsecure-bot: main topics';

/** Six tiles or fewer fit two rows that stay large enough to read on a phone. */
const MAX_TOPICS = 6;

export const RICH_MENU_DATA_FILE = path.join('data', 'line-rich-menu.json');
export const RICH_MENU_IMAGE_FILE = path.join('data', 'line-rich-menu.png');

export interface RichMenuTopic {
  readonly intent: IntentId;
  /** Written on the tile, and the action's label read aloud by screen readers. */
  readonly label: string;
  /** What a tap sends: the topic's question. */
  readonly question: string;
}

export interface RichMenuTile extends RichMenuTopic {
  readonly bounds: {
    readonly x: number;
    readonly y: number;
    readonly width: number;
    readonly height: number;
  };
}

export interface RichMenuDefinition {
  readonly chatBarText: string;
  readonly tiles: readonly RichMenuTile[];
}

export class RichMenuDataError extends Error {
  constructor(file: string, expected: string) {
    super(`Error at ${file}: expected ${expected}`);
    this.name = 'RichMenuDataError';
  }
}

/** Cuts `total` into `parts` whole lengths that add up to it (the last ones a pixel longer). */
function cuts(total: number, parts: number): number[] {
  return Array.from({ length: parts + 1 }, (_p, i) => Math.round((i * total) / parts));
}

/** The topics in one row (three or fewer) or two, the tiles of each row sharing its width. */
export function tileBounds(count: number): RichMenuTile['bounds'][] {
  const { width, height } = RICH_MENU_SIZE;
  const rows = count > 3 ? 2 : 1;
  const perRow = [Math.ceil(count / rows), Math.floor(count / rows)].slice(0, rows);
  const ys = cuts(height, rows);
  return perRow.flatMap((inRow, row) => {
    const xs = cuts(width, inRow);
    return xs
      .slice(0, -1)
      .map((x, i) => ({ x, y: ys[row]!, width: xs[i + 1]! - x, height: ys[row + 1]! - ys[row]! }));
  });
}

/** Reads and checks data/line-rich-menu.json against the answers it names. */
export function loadRichMenu(knowledgeBase: KnowledgeBase, root: string = projectRoot()): RichMenuDefinition {
  const file = RICH_MENU_DATA_FILE;
  let raw: { chatBarText?: unknown; topics?: unknown };
  try {
    raw = JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as typeof raw;
  } catch (error) {
    throw new RichMenuDataError(file, `readable JSON (${(error as Error).message})`);
  }
  const { chatBarText, topics } = raw;
  if (
    typeof chatBarText !== 'string' ||
    !chatBarText.trim() ||
    chatBarText.length > RICH_MENU_LIMITS.chatBarTextLength
  ) {
    throw new RichMenuDataError(file, `chatBarText of 1 to ${RICH_MENU_LIMITS.chatBarTextLength} characters`);
  }
  if (!Array.isArray(topics) || topics.length === 0 || topics.length > MAX_TOPICS) {
    throw new RichMenuDataError(file, `1 to ${MAX_TOPICS} topics`);
  }
  const bounds = tileBounds(topics.length);
  const tiles = topics.map((topic: { intent?: unknown; label?: unknown }, i): RichMenuTile => {
    const answer = isIntentId(topic.intent) ? knowledgeBase.answers.get(topic.intent) : undefined;
    if (!answer?.question)
      throw new RichMenuDataError(file, `topics[${i}].intent to be an answer with a question`);
    const { label } = topic;
    if (typeof label !== 'string' || !label.trim() || [...label].length > MAX_LABEL_LENGTH) {
      throw new RichMenuDataError(file, `topics[${i}].label of 1 to ${MAX_LABEL_LENGTH} characters`);
    }
    if (answer.question.length > RICH_MENU_LIMITS.messageActionTextLength) {
      throw new RichMenuDataError(
        file,
        `the question of ${answer.intent} within ${RICH_MENU_LIMITS.messageActionTextLength} characters`,
      );
    }
    return { intent: answer.intent, label, question: answer.question, bounds: bounds[i]! };
  });
  return { chatBarText, tiles };
}

/** The rich menu object sent to LINE: shown at once, an area per tile, each a message action. */
export function richMenuRequest(menu: RichMenuDefinition): messagingApi.RichMenuRequest {
  return {
    size: { ...RICH_MENU_SIZE },
    selected: true,
    name: RICH_MENU_NAME,
    chatBarText: menu.chatBarText,
    areas: menu.tiles.map((tile) => ({
      bounds: { ...tile.bounds },
      action: { type: 'message', label: tile.label, text: tile.question },
    })),
  };
}

/** The tEXt keyword under which the image records what it was drawn for. */
export const RICH_MENU_IMAGE_KEYWORD = 'faq-rich-menu';

/** What the image shows (its size, each tile's label and place), as a short hash. */
export function richMenuFingerprint(menu: RichMenuDefinition): string {
  const drawn = { size: RICH_MENU_SIZE, tiles: menu.tiles.map(({ label, bounds }) => ({ label, bounds })) };
  return crypto.createHash('sha256').update(JSON.stringify(drawn)).digest('hex').slice(0, 16);
}

/**
 * The image must be a PNG of the menu's size, within LINE's 1 MB, drawn for these tiles: an
 * image left over from other topics would put labels over the wrong questions.
 */
export function checkRichMenuImage(image: Buffer, menu: RichMenuDefinition): void {
  const file = RICH_MENU_IMAGE_FILE;
  const redraw = 'run npm run line:rich-menu-image and commit the image';
  let size: { width: number; height: number };
  try {
    size = pngSize(image);
  } catch (error) {
    throw new RichMenuDataError(file, (error as Error).message.replace(/^Error at png-file: expected /, ''));
  }
  const { width, height } = RICH_MENU_SIZE;
  if (size.width !== width || size.height !== height) {
    throw new RichMenuDataError(file, `a ${width}×${height} image, got ${size.width}×${size.height}`);
  }
  if (image.length > RICH_MENU_LIMITS.imageBytes) {
    throw new RichMenuDataError(file, `at most ${RICH_MENU_LIMITS.imageBytes} bytes, got ${image.length}`);
  }
  if (pngText(image, RICH_MENU_IMAGE_KEYWORD) !== richMenuFingerprint(menu)) {
    throw new RichMenuDataError(file, `an image drawn for the topics of ${RICH_MENU_DATA_FILE} (${redraw})`);
  }
}
