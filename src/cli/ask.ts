/**
 * npm run ask -- "質問"        prints the bot's answer for a person
 * npm run ask -- --jsonl       reads one question per line on stdin, writes one JSON object per line:
 *                              {"text","intent","confidence","issuer","answer"}
 *                              (a card number in "text" is masked, never echoed)
 */
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { type FaqEngine, type FaqReply, loadFaqEngine, maskCardNumbers, replyAsPlainText } from '../nlu';

export interface JsonlAnswer {
  readonly text: string;
  readonly intent: string;
  readonly confidence: number;
  readonly issuer: string | null;
  readonly answer: string;
}

export function toJsonlAnswer(text: string, reply: FaqReply): JsonlAnswer {
  return {
    text: maskCardNumbers(text),
    intent: reply.intent,
    confidence: Math.round(reply.confidence * 1000) / 1000,
    issuer: reply.issuer?.id ?? null,
    answer: replyAsPlainText(reply),
  };
}

export function formatForPerson(reply: FaqReply): string {
  const lines = [replyAsPlainText(reply)];
  if (reply.suggestions.length) {
    lines.push('', 'ほかのご質問:', ...reply.suggestions.map((s) => `  ・${s.question}`));
  }
  const confidence = `${Math.round(reply.confidence * 100)}%`;
  lines.push(
    '',
    `[intent: ${reply.intent}, confidence: ${confidence}${reply.issuer ? `, issuer: ${reply.issuer.id}` : ''}]`,
  );
  return lines.join('\n');
}

async function answerLines(engine: FaqEngine): Promise<void> {
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    const text = line.replace(/^\uFEFF/, '');
    process.stdout.write(`${JSON.stringify(toJsonlAnswer(text, engine.ask(text)))}\n`);
  }
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: { jsonl: { type: 'boolean', default: false } },
    allowPositionals: true,
  });
  if (!values.jsonl && positionals.length === 0) {
    process.stderr.write('usage: npm run ask -- "質問"   or   npm run ask -- --jsonl < questions.txt\n');
    process.exitCode = 2;
    return;
  }
  const { engine } = await loadFaqEngine();
  if (values.jsonl) await answerLines(engine);
  else process.stdout.write(`${formatForPerson(engine.ask(positionals.join(' ')))}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
