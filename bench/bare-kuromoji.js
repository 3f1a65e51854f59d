// Baseline for the start-up and memory benchmarks: load kuromoji's dictionary and nothing else,
// tokenize the same questions the bot gets, then report. Plain JS so nothing else is loaded.
const path = require('node:path');
const kuromoji = require('kuromoji');

const questions = JSON.parse(process.argv[2] || '[]');
const dicPath = path.join(path.dirname(require.resolve('kuromoji/package.json')), 'dict');
kuromoji.builder({ dicPath }).build((error, tokenizer) => {
  if (error) throw error;
  process.stdout.write('ready\n');
  for (let round = 0; round < 20; round++) for (const question of questions) tokenizer.tokenize(question);
  process.stdout.write(`${JSON.stringify({ rss: process.memoryUsage().rss })}\n`);
});
