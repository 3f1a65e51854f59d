import {
  DayFormatError,
  endOfJapanDay,
  formatJapanTime,
  startOfJapanDay,
} from '../../src/analytics/japan-day';

describe('days in Japan for --since and --until', () => {
  it.each([
    ['2026-11-01', '2026-10-31T15:00:00.000Z', '2026-11-01T15:00:00.000Z'],
    ['2027-01-01', '2026-12-31T15:00:00.000Z', '2027-01-01T15:00:00.000Z'],
    ['2028-02-29', '2028-02-28T15:00:00.000Z', '2028-02-29T15:00:00.000Z'],
  ])('%s starts and ends at midnight in Japan', (day, start, end) => {
    expect(startOfJapanDay(day, '--since').toISOString()).toBe(start);
    expect(endOfJapanDay(day, '--until').toISOString()).toBe(end);
  });

  it.each(['2026/11/01', '2026-11-1', '2026-02-30', '2027-02-29', '2026-13-01', 'yesterday', ''])(
    'refuses %j, naming the option',
    (day) => {
      expect(() => startOfJapanDay(day, '--since')).toThrow(DayFormatError);
      expect(() => startOfJapanDay(day, '--since')).toThrow(/--since: expected a date like 2026-11-01/);
    },
  );

  it('shows an instant as the date and time in Japan', () => {
    expect(formatJapanTime('2026-11-01T14:30:00.000Z')).toBe('2026-11-01 23:30');
    expect(formatJapanTime('2026-11-01T15:00:00.000Z')).toBe('2026-11-02 00:00');
  });
});
