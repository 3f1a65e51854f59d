// Baseline for the start-up and memory benchmarks: the FAQ engine alone (kuromoji's dictionary,
// the data, the model saved by the build), loaded as the bot loads it, without HTTP or the Bot
// Framework; then the same questions asked 20 times, then its RSS. Plain JS, run from the build.
const path = require('node:path');
const { loadFaqEngine } = require(path.join(__dirname, '..', 'dist', 'src', 'nlu'));

const questions = JSON.parse(process.argv[2] || '[]');
loadFaqEngine().then(({ engine }) => {
  process.stdout.write('ready\n');
  for (let round = 0; round < 20; round++) for (const question of questions) engine.ask(question);
  process.stdout.write(`${JSON.stringify({ rss: process.memoryUsage().rss })}\n`);
});
