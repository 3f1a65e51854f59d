/**
 * The report for a person at a terminal (Japanese headings, intent ids beside the answer titles
 * of data/answers.json), and the same figures as JSON for tools (`npm run report -- --json`).
 */
import type { IntentId } from '../nlu';
import { formatJapanTime } from './japan-day';
import type { Report } from './report';

export interface ReportContext {
  /** The analytics file the report was read from, as the user named it. */
  readonly file: string;
  /** The answer title of an intent (data/answers.json). */
  readonly titleOf: (intent: IntentId) => string | undefined;
}

const count = (value: number) => value.toLocaleString('en-US');
const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
const column = (value: string | number, width: number) =>
  (typeof value === 'number' ? count(value) : value).padStart(width);

function header(report: Report, { file }: ReportContext): string[] {
  const { from, until, channel } = report.filter;
  const window = [
    from || until
      ? `期間 ${from ? formatJapanTime(from) : '最初'} 〜 ${until ? `${formatJapanTime(until)} より前` : '最後'}（日本時間）`
      : '全期間',
    channel === undefined ? 'すべてのチャネル' : `チャネル ${channel}`,
  ].join('、');
  const { events, blank, malformed, unknown, partialLastLine } = report.lines;
  const lines = [
    `3Dセキュア FAQ ボット 利用レポート: ${file}`,
    `対象: ${window}（${count(report.events)} 件のイベント）`,
    `読み込み: ${count(events)} 件のイベント、読めない行 ${count(malformed)}、未対応の行 ${count(unknown)}、空行 ${count(blank)}`,
  ];
  if (partialLastLine) lines.push('  ※ 最後の行は書き込み途中のため読み飛ばしました（ボットが記録中です）');
  return lines;
}

function volumeSection(report: Report, { titleOf }: ReportContext): string[] {
  const lines = ['■ 質問数（意図別）'];
  if (report.volume.length === 0) return [...lines, '  （まだありません）'];
  lines.push(`  意図${' '.repeat(21)}回答   選択   合計  タイトル`);
  for (const { intent, answered, picked, total } of report.volume) {
    lines.push(
      `  ${intent.padEnd(24)}${column(answered, 5)}  ${column(picked, 5)}  ${column(total, 5)}  ${titleOf(intent) ?? ''}`,
    );
  }
  lines.push('  回答: その意図で答えた質問　選択: 「どちらのご質問ですか」で選ばれた回数');
  return lines;
}

function fallbackSection({ outcomes }: Report): string[] {
  return [
    '■ お答えできなかった割合',
    `  ${percent(outcomes.fallbackRate)}  （${count(outcomes.unanswered)} / 質問 ${count(outcomes.questions)} 件）`,
    `  内訳: お答えできなかった質問 ${count(outcomes.fallback)}、「どれでもない」を選択 ${count(outcomes.noneOfThese)}`,
    `  質問の結果: 回答 ${count(outcomes.answered)}、確認（どちらのご質問ですか） ${count(outcomes.clarify)}、` +
      `ヘルプ ${count(outcomes.help)}、長すぎ ${count(outcomes.tooLong)}、お答えできず ${count(outcomes.fallback)}`,
  ];
}

function unansweredSection({ unanswered }: Report): string[] {
  const lines = ['■ お答えできなかった質問（似た言い回しごと）'];
  if (unanswered.groups.length === 0) lines.push('  （ありません）');
  for (const group of unanswered.groups) {
    lines.push(`  ${column(group.count, 5)} 件  「${group.representative}」`);
    if (group.examples.length) {
      const more = group.wordings - 1 - group.examples.length;
      const examples = group.examples.map((text) => `「${text}」`).join(' ');
      lines.push(`            ほかの言い方: ${examples}${more > 0 ? ` ほか ${count(more)} 通り` : ''}`);
    }
    // One wording speaks for itself (and kuromoji's pieces of a hiragana word would only puzzle).
    if (group.wordings > 1 && group.words.length) lines.push(`            主な語: ${group.words.join('、')}`);
  }
  if (unanswered.withoutText) lines.push(`  文面の記録がない質問: ${count(unanswered.withoutText)} 件`);
  return lines;
}

function feedbackSection(report: Report, { titleOf }: ReportContext): string[] {
  const lines = ['■ 役に立たなかった回答（意図別）'];
  if (report.feedback.length === 0) return [...lines, '  （評価はまだありません）'];
  lines.push(`  意図${' '.repeat(18)}役に立たなかった / 評価    割合  タイトル`);
  for (const { intent, notHelpful, total, share } of report.feedback) {
    lines.push(
      `  ${intent.padEnd(24)}${column(notHelpful, 14)} / ${column(total, 4)}  ${column(percent(share), 6)}  ${titleOf(intent) ?? ''}`,
    );
  }
  return lines;
}

export function formatReport(report: Report, context: ReportContext): string {
  return [
    header(report, context),
    volumeSection(report, context),
    fallbackSection(report),
    unansweredSection(report),
    feedbackSection(report, context),
  ]
    .map((section) => section.join('\n'))
    .join('\n\n');
}

/** The report for tools: the same figures, with each intent's answer title. */
export function reportAsJson(report: Report, { file, titleOf }: ReportContext): unknown {
  const titled = <T extends { intent: IntentId }>({ intent, ...figures }: T) => ({
    intent,
    title: titleOf(intent) ?? null,
    ...figures,
  });
  return {
    file,
    ...report,
    volume: report.volume.map(titled),
    feedback: report.feedback.map(titled),
  };
}
