/**
 * npm run eval [-- --set tests/fixtures/dev-set.jsonl] [--show-errors]
 * Scores the engine on a labelled set that training never sees.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadFaqEngine, projectRoot } from '../nlu';
import { evaluate, type Evaluation } from '../nlu/evaluate';
import { readLabelledSet } from '../nlu/labelled-set';

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

export function formatEvaluation(name: string, result: Evaluation, showErrors: boolean): string {
  const lines = [
    `Evaluation of ${name} (${result.total} questions)`,
    `  in-scope intent accuracy   ${percent(result.inScopeAccuracy)}  (${result.inScopeCount} questions; target ≥ 95%)`,
    `  out-of-scope rejection     ${percent(result.outOfScopeRejection)}  (${result.outOfScopeCount} questions; target ≥ 90%)`,
    `  card company recognized    ${percent(result.issuerAccuracy)}  (${result.issuerCount} questions; target ≥ 95%)`,
    `  card company false alarms  ${result.issuerFalsePositives}`,
    `  asked to choose (clarify)  ${result.clarified}`,
    '',
    '  intent                   support  precision  recall',
    ...result.perIntent.map(
      (s) =>
        `  ${s.intent.padEnd(24)} ${String(s.support).padStart(7)}  ${percent(s.precision).padStart(9)}  ${percent(s.recall).padStart(6)}`,
    ),
    '',
    '  confusions (expected → answered)',
    ...result.confusions
      .slice(0, 15)
      .flatMap((c) => [
        `  ${String(c.count).padStart(3)}  ${c.expected} → ${c.got}`,
        ...(showErrors ? c.examples.map((example) => `         「${example}」`) : []),
      ]),
  ];
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { set: { type: 'string', multiple: true }, 'show-errors': { type: 'boolean', default: false } },
  });
  const root = projectRoot();
  const sets = values.set ?? [path.join(root, 'tests', 'fixtures', 'dev-set.jsonl')];
  const { engine } = await loadFaqEngine();
  for (const set of sets) {
    const result = evaluate(engine, readLabelledSet(set));
    console.log(
      formatEvaluation(path.relative(root, path.resolve(set)), result, values['show-errors'] ?? false),
    );
    console.log();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
