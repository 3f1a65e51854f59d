/**
 * Part of `npm run build`: copies Web Chat's browser bundle out of the botframework-webchat
 * package (a dev dependency) into dist/webchat/, which a production install serves.
 */
import path from 'node:path';
import { copyWebChatBundle } from '../channels/webchat/webchat-bundle';

if (require.main === module) {
  try {
    const { file } = copyWebChatBundle();
    process.stdout.write(`Copied the Web Chat bundle to ${path.relative(process.cwd(), file)}\n`);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
