import fs from 'node:fs';
import path from 'node:path';
import { parseAnalyticsLog } from '../../src/analytics/analytics-log';
import { type ContentWordsOf, createContentWords } from '../../src/analytics/content-words';
import { startOfJapanDay } from '../../src/analytics/japan-day';
import { buildReport, type Report, type ReportOptions } from '../../src/analytics/report';
import { DEFAULT_GROUPING_OPTIONS } from '../../src/analytics/similar-wordings';
import { loadKnowledgeBase, loadTokenizer, projectRoot } from '../../src/nlu';
import { createTokenReader } from '../../src/nlu/lexicon';

const sample = parseAnalyticsLog(
  fs.readFileSync(path.join(projectRoot(), 'tests', 'fixtures', 'analytics-sample.jsonl'), 'utf8'),
);
let contentWordsOf: ContentWordsOf;

beforeAll(async () => {
  contentWordsOf = createContentWords(createTokenReader(await loadTokenizer(), loadKnowledgeBase().synonyms));
});

const reportOf = (options: ReportOptions = {}): Report => buildReport(sample, contentWordsOf, options);
const groupWith = (report: Report, text: string) =>
  report.unanswered.groups.find((group) => [group.representative, ...group.examples].includes(text));

describe('the report of the sample log', () => {
  it('skips the lines it cannot read and says how many', () => {
    expect(reportOf().lines).toEqual({
      events: 66,
      blank: 1,
      malformed: 2,
      unknown: 1,
      partialLastLine: true,
    });
  });

  it('counts the questions by outcome and the share the bot could not answer', () => {
    expect(reportOf().outcomes).toEqual({
      questions: 51,
      answered: 21,
      clarify: 3,
      fallback: 24,
      help: 2,
      tooLong: 1,
      noneOfThese: 1,
      unanswered: 25,
      fallbackRate: 25 / 51,
    });
  });

  it('counts the questions per intent, answered and picked after a clarification, biggest first', () => {
    expect(reportOf().volume).toEqual([
      { intent: 'otp_delivery', answered: 7, picked: 1, total: 8 },
      { intent: 'how_to_register', answered: 4, picked: 0, total: 4 },
      { intent: 'payment_retry', answered: 3, picked: 0, total: 3 },
      { intent: 'registration_status', answered: 2, picked: 1, total: 3 },
      { intent: 'convenience_store', answered: 2, picked: 0, total: 2 },
      { intent: 'greeting', answered: 2, picked: 0, total: 2 },
      { intent: 'thanks', answered: 1, picked: 0, total: 1 },
    ]);
  });

  it('lists the answers rated not helpful per intent, most complaints first', () => {
    expect(reportOf().feedback).toEqual([
      { intent: 'payment_retry', notHelpful: 2, total: 2, share: 1 },
      { intent: 'otp_delivery', notHelpful: 2, total: 6, share: 2 / 6 },
      { intent: 'convenience_store', notHelpful: 0, total: 1, share: 0 },
      { intent: 'how_to_register', notHelpful: 0, total: 3, share: 0 },
    ]);
  });

  // [topic, most frequent wording, questions, different wordings, some of the other wordings]
  it.each([
    [
      'receipts',
      '領収書がほしい',
      9,
      7,
      ['りょうしゅうしょ発行できますか', 'ﾘｮｳｼｭｳｼｮほしいです', '領収所ってもらえますか', '領収書　発行'],
    ],
    [
      'refunds',
      '返金してほしい',
      5,
      5,
      ['へんきんできますか？', 'キャンセルしたら返金されますか', '返金して欲しいんですけど'],
    ],
    ['address changes', '住所を変更したい', 5, 5, ['じゅうしょへんこう', '申込者の住所を変更したいのですが']],
  ])('puts the wordings about %s in one group', (_topic, representative, count, wordings, members) => {
    // Every wording of each group, not only the first three examples.
    const report = reportOf({ grouping: { ...DEFAULT_GROUPING_OPTIONS, maxExamples: 20 } });
    const group = groupWith(report, representative);
    expect(group).toMatchObject({ representative, count, wordings });
    for (const member of members) expect(groupWith(report, member)).toBe(group);
  });

  it('keeps unrelated questions apart, and sorts the groups by size', () => {
    const { groups } = reportOf().unanswered;
    expect(groups.map((group) => group.count)).toEqual([9, 5, 5, 1, 1, 1, 1, 1]);
    expect(groups.slice(3).map((group) => group.representative)).toEqual([
      '明日の天気は？',
      '支払い方法を変更したい',
      '駐車場はありますか',
      '[電話番号]に電話してほしい',
      'ＩＤを忘れました',
    ]);
  });

  it('counts an unanswered question recorded without its wording', () => {
    expect(reportOf().unanswered.withoutText).toBe(1);
  });

  it('reports only the days asked for, in Japan time', () => {
    const report = reportOf({ from: startOfJapanDay('2026-11-02', '--since') });
    // 引っ越したので… was asked at 23:30 on November 1 in Japan (14:30 UTC).
    expect(groupWith(report, '引っ越したので住所変更したいです')).toBeUndefined();
    expect(report.events).toBe(46);
    expect(report.filter).toEqual({ from: '2026-11-01T15:00:00.000Z' });
  });

  it('reports only the channel asked for', () => {
    const report = reportOf({ channel: 'line' });
    const lineEvents = sample.events.filter((event) => event.channel === 'line');
    expect(report.events).toBe(lineEvents.length);
    expect(report.outcomes.questions).toBe(lineEvents.filter((event) => event.event === 'question').length);
  });

  it('reports zeros for a log without events', () => {
    const report = buildReport(parseAnalyticsLog(''), contentWordsOf);
    expect(report.outcomes).toMatchObject({ questions: 0, unanswered: 0, fallbackRate: 0 });
    expect(report.volume).toEqual([]);
    expect(report.unanswered.groups).toEqual([]);
    expect(report.feedback).toEqual([]);
  });
});
