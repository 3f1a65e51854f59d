/**
 * Part of `npm run build`: trains the engine on intents/ (always anew) and saves the model as
 * dist/model.json, so the server starts without re-tokenizing and re-fitting everything.
 */
import path from 'node:path';
import { loadFaqEngine, loadTokenizer, projectRoot, savedModelPath, writeSavedModel } from '../nlu';

export async function trainAndSave(): Promise<string> {
  const { engine } = await loadFaqEngine(loadTokenizer(), undefined, { fresh: true });
  const file = savedModelPath(projectRoot());
  writeSavedModel(file, engine.model.saved);
  return file;
}

if (require.main === module) {
  trainAndSave()
    .then((file) =>
      process.stdout.write(`Saved the trained model to ${path.relative(process.cwd(), file)}\n`),
    )
    .catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    });
}
