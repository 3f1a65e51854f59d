/**
 * Part of `npm run build`: trains the engine on intents/ and saves the model as dist/model.json,
 * so the server starts without re-tokenizing every training utterance.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadFaqEngine, projectRoot, savedModelPath } from '../nlu';

async function main(): Promise<void> {
  const { engine } = await loadFaqEngine();
  const file = savedModelPath(projectRoot());
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(engine.model.saved));
  process.stdout.write(`Saved the trained model to ${path.relative(process.cwd(), file)}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
