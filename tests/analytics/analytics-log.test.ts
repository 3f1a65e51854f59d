import { parseAnalyticsLog } from '../../src/analytics/analytics-log';

const question =
  '{"time":"2026-11-01T00:42:00.000Z","channel":"line","event":"question","outcome":"answered","intent":"otp_delivery","confidence":0.9}';
const fallback =
  '{"time":"2026-11-01T00:43:00.000Z","channel":"webchat","event":"question","outcome":"fallback","intent":"none","confidence":0.7,"text":"領収書がほしい"}';
const noneOfThese =
  '{"time":"2026-11-01T00:44:00.000Z","channel":"webchat","event":"clarification","intent":"none","text":"返金は？"}';
const feedback =
  '{"time":"2026-11-01T00:45:00.000Z","channel":"msteams","event":"feedback","intent":"otp_delivery","helpful":false}';

/** The event a line was written from: its time a Date again. */
const recorded = (line: string) =>
  JSON.parse(line, (key, value) => (key === 'time' ? new Date(value as string) : value)) as unknown;

describe('reading the analytics log', () => {
  it('reads every kind of event the bot records, with its fields', () => {
    const log = parseAnalyticsLog([question, fallback, noneOfThese, feedback, ''].join('\n'));
    expect(log.events).toEqual([
      recorded(question),
      recorded(fallback),
      recorded(noneOfThese),
      recorded(feedback),
    ]);
    // Written out again, each is the line it was read from.
    const lines = [question, fallback, noneOfThese, feedback];
    expect(log.events.map((event) => JSON.parse(JSON.stringify(event)) as unknown)).toEqual(
      lines.map((line) => JSON.parse(line) as unknown),
    );
    expect(log).toMatchObject({ blankLines: 0, malformedLines: 0, unknownLines: 0, partialLastLine: false });
  });

  it.each([
    ['an empty file', '', { events: 0, blank: 0, malformed: 0, unknown: 0 }],
    [
      'blank lines between events',
      `${question}\n\n   \n${feedback}\n`,
      { events: 2, blank: 2, malformed: 0, unknown: 0 },
    ],
    [
      'Windows line ends and a byte-order mark',
      `\uFEFF${question}\r\n${feedback}\r\n`,
      { events: 2, blank: 0, malformed: 0, unknown: 0 },
    ],
    ['a line that is not JSON', `${question}\nnot json\n`, { events: 1, blank: 0, malformed: 1, unknown: 0 }],
    [
      'JSON that is not an object',
      `[1,2]\n"text"\nnull\n${question}\n`,
      { events: 1, blank: 0, malformed: 3, unknown: 0 },
    ],
    [
      'an event without a time',
      `${question.replace(/"time":"[^"]+",/, '')}\n`,
      { events: 0, blank: 0, malformed: 1, unknown: 0 },
    ],
    [
      'a time that is not a date',
      `${question.replace('2026-11-01T00:42:00.000Z', 'yesterday')}\n`,
      { events: 0, blank: 0, malformed: 1, unknown: 0 },
    ],
    [
      'feedback without a helpful flag',
      `${feedback.replace(',"helpful":false', '')}\n`,
      { events: 0, blank: 0, malformed: 1, unknown: 0 },
    ],
    [
      'a question whose confidence is text',
      `${question.replace('0.9', '"high"')}\n`,
      { events: 0, blank: 0, malformed: 1, unknown: 0 },
    ],
    [
      'an event type this version does not know',
      '{"time":"2026-11-01T00:00:00Z","channel":"line","event":"session_start"}\n',
      { events: 0, blank: 0, malformed: 0, unknown: 1 },
    ],
    [
      'an intent this version does not know',
      `${question.replace('otp_delivery', 'refund')}\n`,
      { events: 0, blank: 0, malformed: 0, unknown: 1 },
    ],
    [
      'an outcome this version does not know',
      `${question.replace('answered', 'handedOver')}\n`,
      { events: 0, blank: 0, malformed: 0, unknown: 1 },
    ],
  ])('%s: counts the events and the skipped lines', (_name, text, expected) => {
    const log = parseAnalyticsLog(text);
    expect({
      events: log.events.length,
      blank: log.blankLines,
      malformed: log.malformedLines,
      unknown: log.unknownLines,
    }).toEqual(expected);
  });

  it('says the last line is being written when it is cut off without a line break', () => {
    const log = parseAnalyticsLog(`${question}\n${feedback.slice(0, 40)}`);
    expect(log.events).toHaveLength(1);
    expect(log).toMatchObject({ malformedLines: 1, partialLastLine: true });
  });

  it('reads a last line without a line break when it is whole', () => {
    const log = parseAnalyticsLog(`${question}\n${feedback}`);
    expect(log.events).toHaveLength(2);
    expect(log.partialLastLine).toBe(false);
  });

  it('does not take a broken line in the middle for one being written', () => {
    const log = parseAnalyticsLog(`${feedback.slice(0, 40)}\n${question}\n`);
    expect(log).toMatchObject({ malformedLines: 1, partialLastLine: false });
  });
});
