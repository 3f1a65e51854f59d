/**
 * npm run line:rich-menu   puts the main topics on LINE as every user's rich menu
 *
 * Creates the rich menu of data/line-rich-menu.json with the image data/line-rich-menu.png
 * (drawn beforehand by npm run line:rich-menu-image), makes it the default and deletes the ones
 * it made before. Needs LINE_CHANNEL_ACCESS_TOKEN; LINE_API_BASE_URL points it at a stand-in.
 * Settings come from the environment or .env, like the server's. Runs on a production install.
 */
import fs from 'node:fs';
import path from 'node:path';
import { messagingApi } from '@line/bot-sdk';
import {
  checkRichMenuImage,
  loadRichMenu,
  RICH_MENU_IMAGE_FILE,
  richMenuRequest,
} from '../channels/line/rich-menu';
import { setUpRichMenu } from '../channels/line/rich-menu-setup';
import { ConfigError, loadLineApiSettings, readEnvironment } from '../config';
import { loadKnowledgeBase, projectRoot } from '../nlu';

async function main(): Promise<void> {
  const settings = loadLineApiSettings(readEnvironment());
  const root = projectRoot();
  const menu = loadRichMenu(loadKnowledgeBase(root), root);
  const image = fs.readFileSync(path.join(root, RICH_MENU_IMAGE_FILE));
  checkRichMenuImage(image, menu);
  const { channelAccessToken, apiBaseUrl, dataApiBaseUrl } = settings;
  const clients = {
    api: new messagingApi.MessagingApiClient({ channelAccessToken, baseURL: apiBaseUrl }),
    data: new messagingApi.MessagingApiBlobClient({ channelAccessToken, baseURL: dataApiBaseUrl }),
  };
  process.stdout.write(`LINE rich menu through ${apiBaseUrl} (its image through ${dataApiBaseUrl})\n`);
  const outcome = await setUpRichMenu(clients, richMenuRequest(menu), image, (line) =>
    process.stdout.write(`  ${line}\n`),
  );
  const topics = menu.tiles.map((tile) => tile.label).join(', ');
  process.stdout.write(`Done: ${outcome.richMenuId} is every user's rich menu: ${topics}\n`);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`line:rich-menu failed: ${message}\n`);
  if (error instanceof ConfigError && error.setting === 'LINE_CHANNEL_ACCESS_TOKEN') {
    process.stderr.write('Set LINE_CHANNEL_ACCESS_TOKEN to the channel access token (see README, "LINE").\n');
  }
  process.exitCode = 1;
});
