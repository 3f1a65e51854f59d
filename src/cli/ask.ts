/**
 * npm run ask -- "質問"        prints the bot's answer for a person
 * npm run ask -- --jsonl       reads one question per line on stdin, writes one JSON object per line:
 *                              {"text","intent","confidence","issuer","answer"}
 *                              (a card number in "text" is masked, never echoed)
 */
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import {
  type CardCompany,
  type FaqEngine,
  type FaqReply,
  loadFaqEngine,
  maskCardNumbers,
  replyAsPlainText,
} from '../nlu';

export interface JsonlAnswer {
  readonly text: string;
  readonly intent: string;
  readonly confidence: number;
  readonly issuer: string | null;
  readonly answer: string;
}

/**
 * The reply and its links. Where the chat asks which card company (the companies' pages, none
 * named), a command-line tool lists every company's page instead.
 */
export function answerText(reply: FaqReply, companies: readonly CardCompany[]): string {
  const plain = replyAsPlainText(reply);
  if (reply.followUp.question !== 'cardCompanyChoice') return plain;
  const pages = companies.map((company) => {
    const name = company.serviceName ? `${company.name}「${company.serviceName}」` : company.name;
    return `${name}: ${company.url}`;
  });
  return `${plain}\n\n${pages.join('\n')}`;
}

export function toJsonlAnswer(text: string, reply: FaqReply, companies: readonly CardCompany[]): JsonlAnswer {
  return {
    text: maskCardNumbers(text),
    intent: reply.intent,
    confidence: Math.round(reply.confidence * 1000) / 1000,
    issuer: reply.issuer?.id ?? null,
    answer: answerText(reply, companies),
  };
}

export function formatForPerson(reply: FaqReply, companies: readonly CardCompany[]): string {
  const lines = [answerText(reply, companies)];
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

async function answerLines(engine: FaqEngine, companies: readonly CardCompany[]): Promise<void> {
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    const text = line.replace(/^\uFEFF/, '');
    process.stdout.write(`${JSON.stringify(toJsonlAnswer(text, engine.ask(text), companies))}\n`);
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
  const { engine, knowledgeBase } = await loadFaqEngine();
  const companies = knowledgeBase.cardCompanies;
  if (values.jsonl) await answerLines(engine, companies);
  else process.stdout.write(`${formatForPerson(engine.ask(positionals.join(' ')), companies)}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
