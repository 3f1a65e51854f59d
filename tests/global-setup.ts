/**
 * Before any test: trains the engine once, as `npm run build` does, and saves it where the bot
 * and the command-line tools read it (dist/model.json), so that every test file and every server
 * a test starts restores it instead of training again.
 */
import { trainAndSave } from '../src/cli/train';

export default async function trainOnce(): Promise<void> {
  await trainAndSave();
}
