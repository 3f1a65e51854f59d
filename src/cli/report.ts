/**
 * npm run report [-- path/to/analytics.jsonl] [--since 2026-11-01] [--until 2026-11-30]
 *                [--channel line] [--json]
 * What the bot could not answer, and how its answers were rated, from the analytics JSONL file
 * the bot writes as it answers (default logs/analytics.jsonl). Dates are days in Japan.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULT_ANALYTICS_FILE } from '../analytics/analytics-event';
import { parseAnalyticsLog } from '../analytics/analytics-log';
import { createContentWords } from '../analytics/content-words';
import { DayFormatError, endOfJapanDay, startOfJapanDay } from '../analytics/japan-day';
import { buildReport, type ReportOptions } from '../analytics/report';
import { formatReport, type ReportContext, reportAsJson } from '../analytics/report-format';
import { loadKnowledgeBase, loadTokenizer } from '../nlu';
import { createTokenReader } from '../nlu/lexicon';

const USAGE =
  'usage: npm run report [-- path/to/analytics.jsonl] [--since YYYY-MM-DD] [--until YYYY-MM-DD] [--channel line] [--json]';

class UsageError extends Error {
  constructor(problem: string) {
    super(`${problem}\n${USAGE}`);
    this.name = 'UsageError';
  }
}

class MissingLogError extends Error {
  constructor(readonly file: string) {
    super(
      `No analytics file at ${file}. The bot writes it as it answers questions, one line per event ` +
        `(where its ANALYTICS_FILE setting says, ${DEFAULT_ANALYTICS_FILE} by default); it appears once the bot ` +
        'has recorded its first events. To read another file: npm run report -- path/to/analytics.jsonl',
    );
    this.name = 'MissingLogError';
  }
}

interface Invocation {
  readonly file: string;
  readonly json: boolean;
  readonly options: ReportOptions;
}

function readInvocation(args: readonly string[]): Invocation {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      options: {
        since: { type: 'string' },
        until: { type: 'string' },
        channel: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
      allowPositionals: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw new UsageError(`expected one analytics file, got ${positionals.length}`);
  try {
    return {
      file: positionals[0] ?? DEFAULT_ANALYTICS_FILE,
      json: values.json ?? false,
      options: {
        ...(values.since === undefined ? {} : { from: startOfJapanDay(values.since, '--since') }),
        ...(values.until === undefined ? {} : { until: endOfJapanDay(values.until, '--until') }),
        ...(values.channel === undefined ? {} : { channel: values.channel }),
      },
    };
  } catch (error) {
    if (error instanceof DayFormatError) throw new UsageError(error.message);
    throw error;
  }
}

function readLog(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new MissingLogError(file);
    throw new Error(`Error at npm run report: could not read ${file} (${(error as Error).message})`, {
      cause: error,
    });
  }
}

async function main(): Promise<void> {
  const { file, json, options } = readInvocation(process.argv.slice(2));
  const log = parseAnalyticsLog(readLog(file));
  const knowledgeBase = loadKnowledgeBase();
  const contentWordsOf = createContentWords(createTokenReader(await loadTokenizer(), knowledgeBase.synonyms));
  const report = buildReport(log, contentWordsOf, options);
  const context: ReportContext = { file, titleOf: (intent) => knowledgeBase.answers.get(intent)?.title };
  process.stdout.write(
    json
      ? `${JSON.stringify(reportAsJson(report, context), null, 2)}\n`
      : `${formatReport(report, context)}\n`,
  );
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  });
}
